"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const c = require(path.resolve(__dirname, "../xs_leads/public/js/xs_lead_criteria.js"));

const DT = "XS Lead";
const ME = "kari@example.com";

describe("criteria → list filters", () => {
	it("each criterion becomes its filter; contact person and text stay beside", () => {
		const { filters, extra } = c.criteriaToFilters(
			{
				contact_status: "Reached",
				classification: "Hot",
				responsible: "per@example.com",
				industry: "Construction",
				company_name: " bygg ",
				subject: "tilbud",
				note: "nyttår",
				employees: [">", 50],
				annual_revenue: ["<", 10000000],
				contact_person: "Kari Olsen",
				text: "912 34",
				mine: true,
				active: true,
			},
			DT,
			ME
		);
		assert.deepEqual(filters, [
			[DT, "contact_status", "=", "Reached"],
			[DT, "classification", "=", "Hot"],
			[DT, "responsible", "=", "per@example.com"],
			[DT, "industry", "=", "Construction"],
			[DT, "company_name", "like", "%bygg%"],
			[DT, "subject", "like", "%tilbud%"],
			[DT, "note", "like", "%nyttår%"],
			[DT, "employees", ">", 50],
			[DT, "annual_revenue", "<", 10000000],
			[DT, "responsible", "=", ME],
			[DT, "deactivated", "=", 0],
			[DT, "contact_status", "!=", "Unreachable"],
		]);
		assert.deepEqual(extra, { contact_person: "Kari Olsen", text: "912 34" });
	});

	it("empty values and false flags set nothing", () => {
		const result = c.criteriaToFilters(
			{ industry: "", employees: [">", ""], text: "  ", mine: false, active: 0 },
			DT,
			ME
		);
		assert.deepEqual(result, { filters: [], extra: {} });
	});
});

describe("list filters → criteria", () => {
	it("reads back what criteriaToFilters wrote", () => {
		const criteria = {
			classification: "Hot",
			company_name: "bygg",
			employees: [">", 50],
			mine: true,
			active: true,
		};
		const { filters } = c.criteriaToFilters(criteria, DT, ME);
		assert.deepEqual(c.filtersToCriteria(filters, ME), { criteria, rest: [] });
	});

	it("other filters stay filters", () => {
		const other = [
			[DT, "website", "like", "%fisk%"],
			[DT, "company_name", "like", "Nord%"],
			[DT, "deactivated", "=", 0],
		];
		assert.deepEqual(c.filtersToCriteria(other, ME), { criteria: {}, rest: other });
	});
});

describe("quick filters", () => {
	it("toggle on and off, beside other filters", () => {
		const other = [[DT, "industry", "=", "Construction"]];
		const on = c.toggleFilters(other, c.activeFilters(DT));
		assert.deepEqual(on, [...other, ...c.activeFilters(DT)]);
		assert.ok(c.hasFilters(on, c.activeFilters(DT)));
		assert.deepEqual(c.toggleFilters(on, c.activeFilters(DT)), other);
	});

	it("mine and active combine", () => {
		const both = c.toggleFilters(c.toggleFilters([], c.myFilters(DT, ME)), c.activeFilters(DT));
		assert.deepEqual(c.filtersToCriteria(both, ME).criteria, { mine: true, active: true });
	});

	it("a half-set quick filter is completed, not removed", () => {
		const half = [[DT, "deactivated", "=", "0"]];
		assert.deepEqual(c.toggleFilters(half, c.activeFilters(DT)), [...half, c.activeFilters(DT)[1]]);
	});
});

describe("Search dialog values", () => {
	it("round trip", () => {
		const values = {
			classification: "Cold",
			contact_person: "olsen",
			employees_operator: "!=",
			employees_value: 5,
			annual_revenue_operator: ">",
			annual_revenue_value: "",
			mine: 1,
			active: 0,
		};
		const criteria = c.dialogToCriteria(values);
		assert.deepEqual(criteria, { classification: "Cold", contact_person: "olsen", employees: ["!=", 5], mine: true });
		assert.deepEqual(c.criteriaToDialog(criteria), {
			classification: "Cold",
			contact_person: "olsen",
			employees_operator: "!=",
			employees_value: 5,
			mine: 1,
		});
	});
});

describe("describe (Show criteria)", () => {
	it("one translated line per criterion", () => {
		const tr = (s) => `[nb] ${s}`;
		const lines = c.describe(
			{ classification: "Hot", employees: [">", 50], text: "fisk", mine: true },
			(key) => `<${key}>`,
			tr
		);
		assert.deepEqual(lines, [
			["<classification>", "[nb] Hot"],
			["<employees>", "> 50"],
			["<text>", "fisk"],
			["[nb] Responsible", "[nb] Me"],
		]);
	});
});
