#!/usr/bin/env node
// Realtime server for ONE site of the development runtime (see README.md).
//
// Listens on the public port: socket.io on /socket.io/, every other request proxied to the site's
// web server, so the Desk reaches both on one origin (as behind nginx on a bench). Relays what the
// site publishes on its own Redis channel (`events:<site>`, see frappe_runtime/patches.py) to the
// rooms the Desk's client joins.
//
//   node relay.js --port 8000 --upstream http://127.0.0.1:8001 --site xs_leads_dev \
//       [--redis redis://127.0.0.1:6379] [--namespace monoframe] [--host 127.0.0.1] [--verbose]
"use strict";

const http = require("node:http");
const { parseArgs } = require("node:util");
const { Server } = require("socket.io");
const { createClient } = require("redis");

const { values: options } = parseArgs({
	options: {
		port: { type: "string", default: "8000" },
		host: { type: "string", default: "127.0.0.1" },
		upstream: { type: "string" },
		site: { type: "string" },
		redis: { type: "string", default: "redis://127.0.0.1:6379" },
		// the Desk connects to "/" + boot.sitename, which monoframe hard-codes for every site
		namespace: { type: "string", default: "monoframe" },
		verbose: { type: "boolean", default: false },
	},
});
if (!options.upstream || !options.site) {
	console.error("usage: relay.js --port PORT --upstream http://HOST:PORT --site SITE_NAME [--redis URL]");
	process.exit(2);
}
const upstream = new URL(options.upstream);
const channel = `events:${options.site}`; // the publisher's side: frappe_runtime/patches.py
const debug = options.verbose ? (...args) => console.log("[relay]", ...args) : () => {};

// --- HTTP: everything that is not socket.io goes to the web server ----------------------------

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer"];
const upstreamAgent = new http.Agent({ keepAlive: true });

function withoutHopByHop(headers) {
	const copy = { ...headers };
	for (const name of HOP_BY_HOP) delete copy[name];
	return copy;
}

// [name, value, name, value, ...] as received: repeated headers stay apart and in order
function rawWithoutHopByHop(rawHeaders) {
	const kept = [];
	for (let i = 0; i < rawHeaders.length; i += 2) {
		if (!HOP_BY_HOP.includes(rawHeaders[i].toLowerCase())) kept.push(rawHeaders[i], rawHeaders[i + 1]);
	}
	return kept;
}

function proxyToWebServer(req, res) {
	const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
	const upstreamRequest = http.request(
		{
			host: upstream.hostname,
			port: upstream.port,
			method: req.method,
			path: req.url,
			agent: upstreamAgent,
			// the Host header stays the browser's, so the site builds its URLs for this origin
			headers: { ...withoutHopByHop(req.headers), "x-forwarded-for": forwardedFor },
		},
		(upstreamResponse) => {
			res.writeHead(upstreamResponse.statusCode, rawWithoutHopByHop(upstreamResponse.rawHeaders));
			upstreamResponse.pipe(res);
		}
	);
	upstreamRequest.on("error", (err) => {
		if (!res.headersSent) {
			res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
			res.end(`The web server at ${options.upstream} did not answer (${err.code || err.message}).\n`);
		} else {
			res.destroy();
		}
	});
	res.on("close", () => {
		if (!res.writableFinished) upstreamRequest.destroy();
	});
	req.pipe(upstreamRequest);
}

// --- questions to the site, on behalf of a connection -------------------------------------------

async function askSite(socket, method, query = {}) {
	const url = new URL(`/api/method/${method}`, options.upstream);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	const headers = {};
	if (socket.data.authorization) headers["authorization"] = socket.data.authorization;
	else headers["cookie"] = `sid=${socket.data.sid}`;
	const response = await fetch(url, { headers, signal: AbortSignal.timeout(15000) });
	if (!response.ok) throw new Error(`${method} answered HTTP ${response.status}`);
	return (await response.json()).message;
}

async function mayRead(socket, doctype, name = "") {
	if (!doctype || typeof doctype !== "string") return false;
	try {
		return Boolean(await askSite(socket, "frappe.realtime.has_permission", { doctype, name }));
	} catch (err) {
		debug(`${socket.data.user} may not read ${doctype} ${name}: ${err.message}`);
		return false;
	}
}

function cookieValue(cookieHeader, name) {
	for (const part of (cookieHeader || "").split(";")) {
		const [key, ...rest] = part.trim().split("=");
		if (key === name) return decodeURIComponent(rest.join("="));
	}
	return undefined;
}

function originHost(origin) {
	try {
		return new URL(origin).host;
	} catch {
		return undefined;
	}
}

async function authenticate(socket, next) {
	const { headers } = socket.request;
	if (headers.origin && originHost(headers.origin) !== headers.host) {
		return next(new Error("Invalid origin"));
	}
	socket.data.sid = cookieValue(headers.cookie, "sid");
	socket.data.authorization = headers.authorization;
	if (!socket.data.sid && !socket.data.authorization) {
		return next(new Error("No authentication: send the sid cookie or an Authorization header"));
	}
	try {
		const { user, user_type } = await askSite(socket, "frappe.realtime.get_user_info");
		socket.data.user = user;
		socket.data.userType = user_type;
		next();
	} catch (err) {
		next(new Error(`Unauthorized: ${err.message}`));
	}
}

// --- rooms ---------------------------------------------------------------------------------------

const rooms = {
	user: (user) => `user:${user}`,
	doctype: (doctype) => `doctype:${doctype}`,
	doc: (doctype, name) => `doc:${doctype}/${name}`,
	openDoc: (doctype, name) => `open_doc:${doctype}/${name}`,
	task: (taskId) => `task_progress:${taskId}`,
};

async function tellDocViewers(nsp, doctype, name) {
	const room = rooms.openDoc(doctype, name);
	const viewers = await nsp.in(room).fetchSockets();
	const users = [...new Set(viewers.map((viewer) => viewer.data.user))];
	nsp.to(room).emit("doc_viewers", { doctype, docname: name, users });
}

function onConnection(socket) {
	const { user, userType } = socket.data;
	debug(`connected: ${user} (${userType}) on ${socket.nsp.name}`);
	socket.join([rooms.user(user), "website"]);
	if (userType === "System User") socket.join("all");
	const openDocs = new Map(); // room -> [doctype, name], to update viewers on disconnect

	socket.on("doctype_subscribe", async (doctype) => {
		if (await mayRead(socket, doctype)) socket.join(rooms.doctype(doctype));
	});
	socket.on("doctype_unsubscribe", (doctype) => socket.leave(rooms.doctype(doctype)));
	socket.on("doc_subscribe", async (doctype, name) => {
		if (await mayRead(socket, doctype, name)) socket.join(rooms.doc(doctype, name));
	});
	socket.on("doc_unsubscribe", (doctype, name) => socket.leave(rooms.doc(doctype, name)));
	socket.on("doc_open", async (doctype, name) => {
		if (!name || !(await mayRead(socket, doctype, name))) return;
		const room = rooms.openDoc(doctype, name);
		socket.join(room);
		openDocs.set(room, [doctype, name]);
		await tellDocViewers(socket.nsp, doctype, name);
	});
	socket.on("doc_close", async (doctype, name) => {
		const room = rooms.openDoc(doctype, name);
		socket.leave(room);
		openDocs.delete(room);
		await tellDocViewers(socket.nsp, doctype, name);
	});
	for (const event of ["task_subscribe", "progress_subscribe"]) {
		socket.on(event, (taskId) => socket.join(rooms.task(taskId)));
	}
	socket.on("task_unsubscribe", (taskId) => socket.leave(rooms.task(taskId)));
	socket.on("disconnect", async () => {
		debug(`disconnected: ${user}`);
		for (const [doctype, name] of openDocs.values()) await tellDocViewers(socket.nsp, doctype, name);
	});
}

// --- wiring --------------------------------------------------------------------------------------

async function main() {
	const server = http.createServer(proxyToWebServer);
	const io = new Server(server, { serveClient: false });
	// The site's namespace is created when a client connects to it (after the middleware below ran),
	// never by an event from Redis: no namespace without authentication exists.
	const siteNamespace = `/${options.namespace}`;
	const site = io.of((name, auth, allow) => allow(null, name === siteNamespace));
	site.use(authenticate);
	site.on("connection", onConnection);

	const subscriber = createClient({ url: options.redis });
	subscriber.on("error", (err) => console.error(`[relay] Redis: ${err.message}`));
	await subscriber.connect();
	await subscriber.subscribe(channel, (raw) => {
		let event;
		try {
			event = JSON.parse(raw);
		} catch {
			return console.error(`[relay] not JSON on ${channel}: ${raw.slice(0, 200)}`);
		}
		if (event.namespace && `/${event.namespace}` !== siteNamespace) return;
		debug(`${event.event} -> ${event.room || "everyone"}`);
		// the parent namespace broadcasts to the site's namespace if a client created it
		(event.room ? site.to(event.room) : site).emit(event.event, event.message);
	});

	// listen only once subscribed: an event published after start-up is never missed
	server.on("error", (err) => {
		console.error(`[relay] cannot listen on ${options.host}:${options.port}: ${err.message}`);
		process.exit(1);
	});
	server.listen(Number(options.port), options.host, () => {
		console.log(
			`realtime relay on http://${options.host}:${options.port} -> web server ${options.upstream}, ` +
				`Redis channel ${channel}`
		);
	});

	const stop = () => {
		subscriber.destroy();
		upstreamAgent.destroy();
		io.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 2000).unref();
	};
	process.on("SIGTERM", stop);
	process.on("SIGINT", stop);
}

main().catch((err) => {
	console.error(`[relay] ${err.stack || err}`);
	process.exit(1);
});
