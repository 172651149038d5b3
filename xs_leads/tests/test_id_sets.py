"""Block bitmaps of lead IDs and their stored form (xs_leads.domain.id_sets), without a database."""

import random
import unittest

from xs_leads.domain.id_sets import (
	BITMAP_BYTES,
	MAX_ARRAY_MEMBERS,
	IdSet,
	block_of,
	decode_bitmap,
	decode_offsets,
	encode_offsets,
	offset_of,
)


class TestStoredForm(unittest.TestCase):
	def test_small_sets_are_sorted_arrays(self):
		blob = encode_offsets([7, 3, 65535, 3])
		self.assertEqual(len(blob), 1 + 2 * 3)
		self.assertEqual(decode_offsets(blob), [3, 7, 65535])

	def test_large_sets_are_bitmaps(self):
		offsets = list(range(0, 2 * (MAX_ARRAY_MEMBERS + 1), 2))
		blob = encode_offsets(offsets)
		self.assertEqual(len(blob), 1 + BITMAP_BYTES)
		self.assertEqual(decode_offsets(blob), offsets)

	def test_both_forms_decode_to_the_same_bitmap(self):
		offsets = {1, 100, 4096, 65535}
		as_array = encode_offsets(offsets)
		as_bitmap = encode_offsets(offsets | set(range(10_000, 10_000 + MAX_ARRAY_MEMBERS)))
		self.assertEqual(decode_bitmap(as_array), sum(1 << o for o in offsets))
		self.assertEqual(
			decode_bitmap(as_bitmap) & sum(1 << o for o in offsets), sum(1 << o for o in offsets)
		)

	def test_empty(self):
		self.assertEqual(decode_offsets(encode_offsets([])), [])
		self.assertEqual(decode_bitmap(encode_offsets([])), 0)

	def test_memoryview_from_postgres_decodes(self):
		self.assertEqual(decode_offsets(memoryview(encode_offsets([5, 6]))), [5, 6])


class TestIdSet(unittest.TestCase):
	def setUp(self):
		rng = random.Random(1)
		self.a = set(rng.sample(range(1, 300_000), 5000))
		self.b = set(rng.sample(range(1, 300_000), 5000)) | set(list(self.a)[:100])

	def test_block_and_offset(self):
		self.assertEqual((block_of(65536 * 3 + 5), offset_of(65536 * 3 + 5)), (3, 5))

	def test_set_operations_match_python_sets(self):
		a, b = IdSet.from_ids(self.a), IdSet.from_ids(self.b)
		self.assertEqual(list(a & b), sorted(self.a & self.b))
		self.assertEqual(list(a | b), sorted(self.a | self.b))
		self.assertEqual(list(a - b), sorted(self.a - self.b))
		self.assertEqual(len(a), len(self.a))
		self.assertIn(next(iter(self.a)), a)
		self.assertNotIn(300_001, a)

	def test_sample_is_spread_and_repeatable(self):
		ids = IdSet.from_ids(range(1, 200_001))
		sample = ids.sample(1000)
		self.assertAlmostEqual(len(sample), 1000, delta=10)
		self.assertEqual(sample, ids.sample(1000))
		self.assertTrue(all(x in ids for x in sample))
		# each quarter of the range gives about a quarter of the sample
		quarters = [sum(1 for x in sample if q * 50_000 < x <= (q + 1) * 50_000) for q in range(4)]
		self.assertTrue(all(200 <= n <= 300 for n in quarters), quarters)

	def test_small_sets_sample_whole(self):
		ids = IdSet.from_ids([3, 9, 70_000])
		self.assertEqual(ids.sample(10), [3, 9, 70_000])

	def test_empty(self):
		self.assertFalse(IdSet())
		self.assertEqual(len(IdSet.from_ids([])), 0)
		self.assertEqual(list(IdSet.from_ids([1]) & IdSet()), [])
