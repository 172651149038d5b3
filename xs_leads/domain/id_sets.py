"""Sets of lead IDs as bitmaps split into blocks, and their compact stored form.

The search index keeps, for every word and field, the IDs of the leads holding it. IDs are split into
blocks of 65,536 (`id >> 16`); within a block a set is stored as its sorted 16-bit offsets while it is
small (2 bytes an ID) and as a 8 KiB bitmap once it has more than 4,096 members, so a word found in
most leads costs 8 KiB a block instead of a row per lead. In memory a set is {block: int bitmap}, so
union, intersection and counting run as whole-block integer operations.
"""

import sys
from array import array
from collections.abc import Iterable, Iterator

BLOCK_BITS = 16
BLOCK_SIZE = 1 << BLOCK_BITS
OFFSET_MASK = BLOCK_SIZE - 1
BITMAP_BYTES = BLOCK_SIZE // 8
# an array of offsets is smaller than the bitmap up to this many members
MAX_ARRAY_MEMBERS = BITMAP_BYTES // 2
_ARRAY, _BITMAP = b"A", b"B"
_LITTLE_ENDIAN = sys.byteorder == "little"


def block_of(lead_id: int) -> int:
	return lead_id >> BLOCK_BITS


def offset_of(lead_id: int) -> int:
	return lead_id & OFFSET_MASK


def encode_offsets(offsets: Iterable[int]) -> bytes:
	"""The stored form of one block's offsets (each 0–65535): tagged sorted array or bitmap."""
	unique = sorted(set(offsets))
	if len(unique) > MAX_ARRAY_MEMBERS:
		bits = bytearray(BITMAP_BYTES)
		for offset in unique:
			bits[offset >> 3] |= 1 << (offset & 7)
		return _BITMAP + bytes(bits)
	packed = array("H", unique)
	if not _LITTLE_ENDIAN:
		packed.byteswap()
	return _ARRAY + packed.tobytes()


def decode_offsets(blob: bytes) -> list[int]:
	"""The sorted offsets of a stored block."""
	blob = bytes(blob)
	if blob[:1] == _BITMAP:
		return list(iter_bits(int.from_bytes(blob[1:], "little")))
	packed = array("H")
	packed.frombytes(blob[1:])
	if not _LITTLE_ENDIAN:
		packed.byteswap()
	return packed.tolist()


def decode_bitmap(blob: bytes) -> int:
	"""A stored block as an integer whose bit n is set when offset n is a member."""
	blob = bytes(blob)
	if blob[:1] == _BITMAP:
		return int.from_bytes(blob[1:], "little")
	offsets = decode_offsets(blob)
	if not offsets:
		return 0
	bits = bytearray(BITMAP_BYTES)
	for offset in offsets:
		bits[offset >> 3] |= 1 << (offset & 7)
	return int.from_bytes(bits, "little")


def iter_bits(bitmap: int) -> Iterator[int]:
	"""The positions of the set bits of `bitmap`, ascending."""
	if not bitmap:
		return
	if bitmap.bit_count() > 64:
		# byte-wise scan: cheaper than peeling bits off a large integer one by one
		for index, byte in enumerate(bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")):
			if byte:
				base = index << 3
				for bit in range(8):
					if byte >> bit & 1:
						yield base + bit
		return
	while bitmap:
		lowest = bitmap & -bitmap
		yield lowest.bit_length() - 1
		bitmap ^= lowest


class IdSet:
	"""A set of lead IDs held as {block: bitmap}. Immutable in use: operations return new sets."""

	__slots__ = ("blocks",)

	def __init__(self, blocks: dict[int, int] | None = None):
		self.blocks = {b: bits for b, bits in (blocks or {}).items() if bits}

	@classmethod
	def from_ids(cls, ids: Iterable[int]) -> "IdSet":
		per_block: dict[int, bytearray] = {}
		for lead_id in ids:
			bits = per_block.get(lead_id >> BLOCK_BITS)
			if bits is None:
				bits = per_block[lead_id >> BLOCK_BITS] = bytearray(BITMAP_BYTES)
			offset = lead_id & OFFSET_MASK
			bits[offset >> 3] |= 1 << (offset & 7)
		return cls({block: int.from_bytes(bits, "little") for block, bits in per_block.items()})

	def __len__(self) -> int:
		return sum(bits.bit_count() for bits in self.blocks.values())

	def __bool__(self) -> bool:
		return bool(self.blocks)

	def __contains__(self, lead_id: int) -> bool:
		return bool(self.blocks.get(lead_id >> BLOCK_BITS, 0) >> (lead_id & OFFSET_MASK) & 1)

	def __iter__(self) -> Iterator[int]:
		for block in sorted(self.blocks):
			base = block << BLOCK_BITS
			for offset in iter_bits(self.blocks[block]):
				yield base + offset

	def __or__(self, other: "IdSet") -> "IdSet":
		blocks = dict(self.blocks)
		for block, bits in other.blocks.items():
			blocks[block] = blocks.get(block, 0) | bits
		return IdSet(blocks)

	def __and__(self, other: "IdSet") -> "IdSet":
		return IdSet(
			{
				block: bits & other.blocks[block]
				for block, bits in self.blocks.items()
				if block in other.blocks
			}
		)

	def __sub__(self, other: "IdSet") -> "IdSet":
		return IdSet({block: bits & ~other.blocks.get(block, 0) for block, bits in self.blocks.items()})

	def __eq__(self, other) -> bool:
		return isinstance(other, IdSet) and self.blocks == other.blocks

	def __repr__(self) -> str:
		return f"IdSet({len(self)} ids)"

	def add_block(self, block: int, bitmap: int) -> None:
		"""Merge a block's bitmap in place (used while assembling a set from stored blocks)."""
		if bitmap:
			self.blocks[block] = self.blocks.get(block, 0) | bitmap

	def sample(self, size: int) -> list[int]:
		"""About `size` members spread over the whole set, the same ones every time (for estimates).

		Each block gives its share; a dense block is probed at offsets spread by an odd stride (which
		visits every offset once) instead of listing all its members.
		"""
		total = len(self)
		if total <= size:
			return list(self)
		picked = []
		for block in sorted(self.blocks):
			bits = self.blocks[block]
			wanted = round(size * bits.bit_count() / total)
			if not wanted:
				continue
			base = block << BLOCK_BITS
			if bits.bit_count() <= 4 * wanted:
				members = list(iter_bits(bits))
				step = len(members) / wanted
				picked.extend(base + members[int(i * step)] for i in range(wanted))
				continue
			as_bytes = bits.to_bytes(BITMAP_BYTES, "little")
			found, offset = 0, 0
			for _ in range(BLOCK_SIZE):
				offset = (offset + 40503) & OFFSET_MASK  # odd stride: a permutation of the block
				if as_bytes[offset >> 3] >> (offset & 7) & 1:
					picked.append(base + offset)
					found += 1
					if found == wanted:
						break
		return sorted(picked)
