import js from "@eslint/js";
import globals from "globals";

export default [
	{
		ignores: ["**/node_modules/**", "**/.runtime/**", "**/.venv/**"],
	},
	js.configs.recommended,
	{
		rules: {
			"no-unused-vars": "error",
		},
	},
	{
		// Desk (browser) code: classic scripts, Frappe globals
		files: ["xs_leads/**/*.js"],
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: "script",
			globals: {
				...globals.browser,
				frappe: "readonly",
				__: "readonly",
				xs_leads: "readonly",
				cur_frm: "readonly",
				cur_list: "readonly",
			},
		},
	},
	{
		// UMD-style file: also checks for node's `module`
		files: [
			"xs_leads/public/js/xs_lead_indicators.js",
			"xs_leads/public/js/xs_lead_columns.js",
			"xs_leads/public/js/xs_lead_duplicates.js",
			"xs_leads/public/js/xs_activity_tabs.js",
			"xs_leads/public/js/xs_lead_conversion.js",
			"xs_leads/public/js/xs_lead_io.js",
		],
		languageOptions: {
			globals: {
				module: "readonly",
			},
		},
	},
	{
		// lead search and links (issue 9): UMD-style too
		files: ["xs_leads/public/js/xs_lead_links.js", "xs_leads/public/js/xs_lead_criteria.js"],
		languageOptions: {
			globals: {
				module: "readonly",
			},
		},
	},
	{
		// development runtime tools run by node: the realtime relay (CommonJS), the Desk build (ESM)
		files: ["devtools/**/*.js", "devtools/**/*.mjs"],
		languageOptions: {
			ecmaVersion: 2022,
			globals: {
				...globals.node,
			},
		},
	},
	{
		files: ["devtools/**/*.js"],
		languageOptions: {
			sourceType: "commonjs",
		},
	},
	{
		files: ["tests_js/**/*.js"],
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: "commonjs",
			globals: {
				...globals.node,
			},
		},
	},
];
