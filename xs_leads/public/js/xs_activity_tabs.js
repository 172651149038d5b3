// The activity tabs (appointments, calls, tasks, notes, e-mail) of the lead, company and
// opportunity forms: each tab titled with its count, its records newest first, a button to add one.
//
// Loaded in Desk via hooks.py `app_include_js` (global `xs_leads.activity_tabs`); the pure part
// (titles, tables) is also required by the node tests (module.exports). As in
// xs_lead_indicators.js, the translate function is passed in and named `__` so Frappe's
// extractor finds the literal strings.
(function (root) {
	"use strict";

	const identity = (s) => s;

	// key: the list in get_activities' answer; tab / html: the form's Tab Break and HTML fields
	const KINDS = [
		{ key: "appointments", tab: "appointments_tab", html: "appointments_html", doctype: "Event" },
		{ key: "calls", tab: "calls_tab", html: "calls_html", doctype: "XS Call" },
		{ key: "tasks", tab: "tasks_tab", html: "tasks_html", doctype: "ToDo" },
		{ key: "notes", tab: "notes_tab", html: "notes_html", doctype: "XS Note" },
		{ key: "emails", tab: "emails_tab", html: "emails_html", doctype: "Communication" },
	];

	function escapeHtml(text) {
		return String(text === undefined || text === null ? "" : text)
			.replace(/&/g, "&amp;")
			.replace(/"/g, "&quot;")
			.replace(/</g, "&lt;")
			.replace(/>/g, "&gt;");
	}

	function tabTitle(label, count) {
		return `${label} (${count || 0})`;
	}

	// seconds -> "m:ss" or "h:mm:ss"
	function formatDuration(seconds) {
		if (!seconds) return "";
		const total = Math.round(Number(seconds));
		const hours = Math.floor(total / 3600);
		const minutes = Math.floor((total % 3600) / 60);
		const secs = String(total % 60).padStart(2, "0");
		return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
	}

	const DIRECTION_ICONS = {
		sent: { icon: "←", title: "Sent" },
		received: { icon: "→", title: "Received" },
		draft: { icon: "✎", title: "Draft" },
	};

	function directionHtml(direction, __) {
		const info = DIRECTION_ICONS[direction];
		if (!info) return "";
		const titles = { Sent: __("Sent"), Received: __("Received"), Draft: __("Draft") };
		return `<span class="xs-email-direction" data-direction="${escapeHtml(direction)}" title="${escapeHtml(
			titles[info.title]
		)}">${info.icon}</span>`;
	}

	// env: {__, formatDate(value), formLink(doctype, name), userName(user)}
	function link(row, text, env) {
		return `<a class="xs-activity-link" href="${escapeHtml(
			env.formLink(row.doctype, row.name)
		)}">${escapeHtml(text || row.name)}</a>`;
	}

	function columns(key, env) {
		const __ = env.__;
		const date = (value) => escapeHtml(value ? env.formatDate(value) : "");
		const user = (value) => escapeHtml(value ? env.userName(value) : "");
		switch (key) {
			case "appointments":
				return [
					[__("Subject"), (r) => link(r, r.title, env)],
					[__("Starts On"), (r) => date(r.date)],
					[__("Ends On"), (r) => date(r.ends_on)],
					[__("Status"), (r) => escapeHtml(__(r.status || ""))],
				];
			case "calls":
				return [
					[__("Call Time"), (r) => link(r, env.formatDate(r.date), env)],
					[__("Direction"), (r) => escapeHtml(__(r.direction || ""))],
					[__("Outcome"), (r) => escapeHtml(__(r.outcome || ""))],
					[__("Duration"), (r) => escapeHtml(formatDuration(r.duration))],
					[__("Called By"), (r) => user(r.caller)],
					[__("Notes"), (r) => escapeHtml(r.notes)],
				];
			case "tasks":
				return [
					[__("Task"), (r) => link(r, r.title, env)],
					[__("Due Date"), (r) => date(r.due_date)],
					[__("Status"), (r) => escapeHtml(__(r.status || ""))],
					[__("Allocated To"), (r) => user(r.allocated_to)],
				];
			case "notes":
				return [
					[__("Title"), (r) => link(r, r.title, env)],
					[__("Note"), (r) => escapeHtml(r.summary)],
					[__("Created On"), (r) => date(r.date)],
					[__("By"), (r) => user(r.owner)],
				];
			case "emails": {
				const highPriority = __("High priority");
				const attachments = __("Has attachments");
				// the seed's e-mail list: direction, priority, attachment, from, to, subject, sent,
				// last changed, by; the subject opens the message
				return [
					["", (r) => directionHtml(r.direction, __)],
					["", (r) => (r.priority === "High" ? iconHtml("xs-email-priority", "!", highPriority) : "")],
					["", (r) => (r.has_attachment ? iconHtml("xs-email-attachment", "📎", attachments) : "")],
					[__("From"), (r) => escapeHtml(r.sender)],
					[__("To"), (r) => escapeHtml(r.recipients)],
					[__("Subject"), (r) => link(r, r.title, env)],
					[__("Sent"), (r) => date(r.date)],
					[__("Last Changed"), (r) => date(r.modified)],
					[__("By"), (r) => user(r.modified_by)],
				];
			}
			default:
				return [];
		}
	}

	function addLabel(key, __) {
		return {
			appointments: __("New Appointment"),
			calls: __("Log a Call"),
			tasks: __("New Task"),
			notes: __("New Note"),
			emails: __("New E-mail"),
		}[key];
	}

	function iconHtml(className, icon, title) {
		return `<span class="${className}" title="${escapeHtml(title)}">${icon}</span>`;
	}

	// The tab's content: its add button, then a table of the rows (or a line saying there are none)
	function sectionHtml(key, rows, env) {
		const __ = env.__ || identity;
		const label = escapeHtml(addLabel(key, __));
		const button = `<button class="btn btn-xs btn-default xs-activity-add" data-kind="${key}">${label}</button>`;
		if (!rows || !rows.length) {
			const empty = escapeHtml(__("Nothing here yet"));
			return `<div class="xs-activities" data-kind="${key}"><p>${button}</p><p class="text-muted xs-activity-empty">${empty}</p></div>`;
		}
		const cols = columns(key, { ...env, __ });
		const head = cols.map(([label]) => `<th>${escapeHtml(label)}</th>`).join("");
		const body = rows
			.map(
				(row) =>
					`<tr data-doctype="${escapeHtml(row.doctype)}" data-name="${escapeHtml(
						row.name
					)}">${cols.map(([, render]) => `<td>${render(row)}</td>`).join("")}</tr>`
			)
			.join("");
		return `<div class="xs-activities" data-kind="${key}"><p>${button}</p><table class="table table-sm table-hover xs-activity-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
	}

	const api = { KINDS, tabTitle, formatDuration, sectionHtml, escapeHtml };

	// --- Desk ---------------------------------------------------------------------------------

	function deskEnv() {
		return {
			__: root.__,
			formatDate: (value) => root.frappe.datetime.str_to_user(value),
			formLink: (doctype, name) => root.frappe.utils.get_form_link(doctype, name),
			userName: (user) => root.frappe.user.full_name(user),
		};
	}

	function tabOf(frm, fieldname) {
		return ((frm.layout && frm.layout.tabs) || []).find((tab) => tab.df.fieldname === fieldname);
	}

	function setTabTitle(frm, kind, count) {
		const tab = tabOf(frm, kind.tab);
		if (tab) tab.tab_link.find(".nav-link").text(tabTitle(root.__(tab.df.label), count));
	}

	// Called from the form's refresh: hides the tabs on a new record, else loads and shows them
	function refresh(frm) {
		const present = KINDS.filter((kind) => frm.fields_dict[kind.html]);
		if (!present.length) return;
		if (frm.is_new()) {
			frm.toggle_display(
				present.map((kind) => kind.html),
				false
			);
			return;
		}
		frm.toggle_display(
			present.map((kind) => kind.html),
			true
		);
		const request =
			frm.doctype === "XS Lead"
				? { method: "xs_leads.api.activities.get_activities", args: { lead: frm.doc.name } }
				: {
						method: "xs_leads.api.activities.get_record_activities",
						args: { doctype: frm.doctype, name: frm.doc.name },
				  };
		return root.frappe.call(request).then((r) => render(frm, present, r.message || {}));
	}

	function render(frm, kinds, activities) {
		const env = deskEnv();
		for (const kind of kinds) {
			const rows = activities[kind.key] || [];
			setTabTitle(frm, kind, rows.length);
			const wrapper = frm.fields_dict[kind.html].$wrapper;
			wrapper.html(sectionHtml(kind.key, rows, env));
			wrapper.find(".xs-activity-add").on("click", () => add(frm, kind.key));
			if (kind.key === "emails") {
				// Frappe lets only Inbox Users open other people's e-mails as documents; whoever may
				// read the lead may read its messages (as in its timeline), so they open in a dialog
				wrapper.find("a.xs-activity-link").on("click", (event) => {
					event.preventDefault();
					event.stopPropagation(); // the Desk's router would follow the link
					showEmail(event.currentTarget.closest("tr").dataset.name);
				});
			}
		}
	}

	function showEmail(name) {
		const __ = root.__;
		return root.frappe
			.call({ method: "xs_leads.api.activities.get_email", args: { name } })
			.then(({ message: mail }) => {
				const env = deskEnv();
				const dialog = new root.frappe.ui.Dialog({
					title: mail.subject || __("E-mail"),
					size: "large",
					fields: [{ fieldname: "message", fieldtype: "HTML" }],
				});
				const header = [
					[__("From"), mail.sender],
					[__("To"), mail.recipients],
					[__("Cc"), mail.cc],
					[__("Sent"), mail.date ? env.formatDate(mail.date) : ""],
				]
					.filter(([, value]) => value)
					.map(([label, value]) => `<div><b>${escapeHtml(label)}:</b> ${escapeHtml(value)}</div>`)
					.join("");
				dialog.fields_dict.message.$wrapper.html(
					`<div class="xs-email-header text-muted">${header}</div><hr><div class="xs-email-content"></div>`
				);
				// the stored content is sanitised HTML, shown as the form timeline shows it
				dialog.fields_dict.message.$wrapper.find(".xs-email-content").html(mail.content || "");
				dialog.show();
				return dialog;
			});
	}

	function reference(frm) {
		return { doctype: frm.doctype, name: frm.doc.name };
	}

	function add(frm, key) {
		if (key === "emails") {
			return new root.frappe.views.CommunicationComposer({
				doc: frm.doc,
				frm: frm,
				subject: frm.doc.subject || "",
				recipients: frm.doc.email || "",
			});
		}
		const __ = root.__;
		const ref = reference(frm);
		const dialogs = {
			appointments: {
				title: __("New Appointment"),
				fields: [
					{ fieldname: "subject", fieldtype: "Data", label: __("Subject"), reqd: 1 },
					{
						fieldname: "starts_on",
						fieldtype: "Datetime",
						label: __("Starts On"),
						reqd: 1,
						default: root.frappe.datetime.now_datetime(),
					},
					{ fieldname: "ends_on", fieldtype: "Datetime", label: __("Ends On") },
					{
						fieldname: "event_type",
						fieldtype: "Select",
						label: __("Visibility"),
						options: [
							{ value: "Public", label: __("Public") },
							{ value: "Private", label: __("Private") },
						],
						default: "Public",
					},
					{ fieldname: "description", fieldtype: "Small Text", label: __("Description") },
				],
				doc: (v) => ({
					doctype: "Event",
					...v,
					event_participants: [
						{ reference_doctype: ref.doctype, reference_docname: String(ref.name) },
					],
				}),
			},
			calls: {
				title: __("Log a Call"),
				fields: [
					{
						fieldname: "direction",
						fieldtype: "Select",
						label: __("Direction"),
						options: [
							{ value: "Outgoing", label: __("Outgoing") },
							{ value: "Incoming", label: __("Incoming") },
						],
						default: "Outgoing",
						reqd: 1,
					},
					{
						fieldname: "outcome",
						fieldtype: "Select",
						label: __("Outcome"),
						options: ["Reached", "No Answer", "Busy", "Wrong Number", "Not Interested"].map(
							(value) => ({ value, label: __(value) })
						),
						reqd: 1,
					},
					{
						fieldname: "call_time",
						fieldtype: "Datetime",
						label: __("Call Time"),
						default: root.frappe.datetime.now_datetime(),
						reqd: 1,
					},
					{ fieldname: "duration", fieldtype: "Duration", label: __("Duration"), hide_days: 1 },
					{ fieldname: "notes", fieldtype: "Small Text", label: __("Notes") },
				],
				doc: (v) => ({
					doctype: "XS Call",
					...v,
					reference_doctype: ref.doctype,
					reference_name: String(ref.name),
				}),
			},
			tasks: {
				title: __("New Task"),
				fields: [
					{ fieldname: "description", fieldtype: "Small Text", label: __("Task"), reqd: 1 },
					{ fieldname: "date", fieldtype: "Date", label: __("Due Date") },
					{
						fieldname: "allocated_to",
						fieldtype: "Link",
						options: "User",
						label: __("Allocated To"),
						default: root.frappe.session.user,
					},
				],
				doc: (v) => ({
					doctype: "ToDo",
					...v,
					reference_type: ref.doctype,
					reference_name: String(ref.name),
				}),
			},
			notes: {
				title: __("New Note"),
				fields: [
					{ fieldname: "title", fieldtype: "Data", label: __("Title"), reqd: 1 },
					{ fieldname: "content", fieldtype: "Text Editor", label: __("Note") },
				],
				doc: (v) => ({
					doctype: "XS Note",
					...v,
					reference_doctype: ref.doctype,
					reference_name: String(ref.name),
				}),
			},
		};
		const spec = dialogs[key];
		const dialog = new root.frappe.ui.Dialog({
			title: spec.title,
			fields: spec.fields,
			primary_action_label: __("Save"),
			primary_action(values) {
				dialog.disable_primary_action();
				root.frappe.db
					.insert(spec.doc(values))
					.then(() => {
						dialog.hide();
						// a call can change the lead's contact status: reload the whole form
						return frm.reload_doc();
					})
					.catch(() => dialog.enable_primary_action());
			},
		});
		dialog.show();
		return dialog;
	}

	api.refresh = refresh;
	api.add = add;

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.activity_tabs = api;
	}
})(typeof window !== "undefined" ? window : null);
