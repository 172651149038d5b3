// Builds the Desk's JavaScript and CSS bundles for the development runtime (see README.md).
//
//   node build.mjs --out DIR --framework monoframe=PACKAGE_DIR@VERSION [--app NAME=PACKAGE_DIR ...]
//
// Writes DIR/assets, the tree every site folder links as `<site>/assets` (served under /assets):
//   <app>/...            the app's `public` folder (symlinks), as a bench links sites/assets/<app>
//   <app>/dist/          the built bundles, content-hashed
//   monoframe/node_modules  this folder's npm packages (the Code control loads ace-builds from there)
//   assets.json, assets-rtl.json   bundle name → URL, read by the web server and the boot
// The framework's bundles are rebuilt only when its version, package-lock.json or this script
// change; an app's bundles when its public folder changes too.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// the build tools load only when something is to be built: a rerun just checks the keys
let esbuild, vuePlugin, sass;
async function loadBuildTools() {
	esbuild ??= await import("esbuild");
	vuePlugin ??= (await import("esbuild-plugin-vue3")).default;
	sass ??= await import("sass");
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(HERE, "node_modules");
const FRAMEWORK = "monoframe";
// the fork renamed these npm packages; the registry has them under Frappe's names
const NPM_RENAMES = [
	["monoframe-charts", "frappe-charts"],
	["monoframe-datatable", "frappe-datatable"],
	["monoframe-quill-image-resize", "frappe-quill-image-resize"],
];
// the wheel ships Frappe's image names; templates and hooks ask for the fork's
const IMAGE_ALIASES = {
	"monoframe-logo.svg": "frappe-framework-logo.svg",
	"monoframe-favicon.svg": "frappe-favicon.svg",
	"monoframe-framework-logo.svg": "frappe-framework-logo.svg",
	"monoframe-framework-logo.png": "frappe-framework-logo.png",
	"monoframe-logo.png": "frappe-logo.png",
};
// bundle names templates ask for that the sources call differently
const BUNDLE_ALIASES = { "monoframe-web.bundle.js": "frappe-web.bundle.js" };
// before any bundle: the app's own scripts (and some of the fork's .vue files) say `frappe`
const PRELUDE = "window.monoframe = window.monoframe || {}; window.frappe = window.monoframe;";
const FILE_LOADERS = Object.fromEntries(
	[".png", ".jpg", ".jpeg", ".gif", ".svg", ".woff", ".woff2", ".ttf", ".eot"].map((ext) => [ext, "file"]),
);

function parseArgs(argv) {
	const args = { apps: [] };
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === "--out") args.out = path.resolve(value);
		else if (flag === "--framework") {
			const [, dir, version] = value.match(/^[^=]+=(.+)@([^@]+)$/);
			args.framework = { name: FRAMEWORK, dir: path.resolve(dir), version };
		} else if (flag === "--app") {
			const [name, dir] = value.split("=");
			args.apps.push({ name, dir: path.resolve(dir) });
		} else throw new Error(`unknown argument ${flag}`);
	}
	if (!args.out || !args.framework) throw new Error("usage: build.mjs --out DIR --framework monoframe=DIR@VERSION");
	return args;
}

const sha256 = (...parts) => {
	const hash = createHash("sha256");
	for (const part of parts) hash.update(part);
	return hash.digest("hex");
};

function walk(dir, skip = () => false) {
	const found = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (skip(full, entry)) continue;
		if (entry.isDirectory()) found.push(...walk(full, skip));
		else if (entry.isFile()) found.push(full);
	}
	return found;
}

const skipBuilt = (full, entry) => entry.isDirectory() && ["node_modules", "dist"].includes(entry.name);

function findBundles(publicDir) {
	if (!fs.existsSync(publicDir)) return [];
	return walk(publicDir, skipBuilt)
		.filter((file) => /\.bundle\.(js|ts|scss|css)$/.test(file))
		.sort();
}

function isFile(candidate) {
	try {
		return fs.statSync(candidate).isFile();
	} catch {
		return false;
	}
}

// --- JavaScript --------------------------------------------------------------------------------

function renamePackages(request) {
	for (const [from, to] of NPM_RENAMES) request = request.split(from).join(to);
	return request;
}

// The fork renamed `frappe` to `monoframe` in its sources but not in its file names: `./monoframe/x.js`
// is public/js/frappe/x.js, `@import "monoframe_datatable"` is _frappe_datatable.scss.
function frappeNamed(file, publicDir) {
	if (!file.startsWith(publicDir + path.sep)) return null;
	const relative = path.relative(publicDir, file);
	return relative.includes("monoframe") ? path.join(publicDir, relative.split("monoframe").join("frappe")) : null;
}

// Resolves the fork's own names in imports; its npm package names are renamed back to the registry's.
function monoframeResolvePlugin(frameworkDir) {
	const publicDir = path.join(frameworkDir, "public");
	return {
		name: "monoframe-resolve",
		setup(build) {
			build.onResolve({ filter: /monoframe/ }, async (args) => {
				if (args.pluginData?.monoframeResolved) return undefined;
				let request = args.path;
				if (request.startsWith(".")) {
					request = frappeNamed(path.resolve(args.resolveDir, request), publicDir);
					if (!request) return undefined;
				} else {
					request = renamePackages(request);
					if (request === args.path) return undefined;
				}
				const result = await build.resolve(request, {
					kind: args.kind,
					importer: args.importer,
					resolveDir: args.resolveDir,
					pluginData: { monoframeResolved: true },
				});
				return result.errors.length ? { errors: result.errors } : result;
			});
			// a package whose exports map hides a file the sources import by path (plyr's dist/)
			build.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/.+/ }, (args) => {
				if (args.pluginData?.monoframeResolved || args.importer.startsWith(NODE_MODULES)) return undefined;
				for (const suffix of ["", ".js", ".mjs", ".cjs"]) {
					const candidate = path.join(NODE_MODULES, args.path + suffix);
					if (isFile(candidate)) return { path: candidate };
				}
				return undefined;
			});
		},
	};
}

// `.html` templates register themselves where render_template (microtemplate.js) looks them up
const htmlTemplatePlugin = {
	name: "html-templates",
	setup(build) {
		build.onLoad({ filter: /\.html$/ }, async (args) => {
			const name = path.basename(args.path, ".html");
			const text = await fs.promises.readFile(args.path, "utf8");
			// The sources are written to be read as a JavaScript template literal: their escapes
			// (`\'` inside `{%= %}` code, say) must be resolved, as a string literal of them would not.
			const literal = text.replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
			return {
				contents: `(monoframe.templates = monoframe.templates || {})[${JSON.stringify(name)}] = \`${literal}\`;`,
				loader: "js",
			};
		});
	},
};

// The fork's libs.bundle.js gives Vue apps `monoframe` only, while .vue templates still say `frappe.…`
function vueFrappeGlobalPlugin(frameworkDir) {
	const libs = path.join(frameworkDir, "public", "js", "libs.bundle.js");
	return {
		name: "vue-frappe-global",
		setup(build) {
			build.onLoad({ filter: /libs\.bundle\.js$/ }, async (args) => {
				if (args.path !== libs) return undefined;
				const source = await fs.promises.readFile(args.path, "utf8");
				const addFrappe = `
const setMonoframeVueGlobals = window.SetVueGlobals;
window.SetVueGlobals = (app) => {
	setMonoframeVueGlobals(app);
	app.config.globalProperties.frappe = window.monoframe;
};`;
				return { contents: source + addFrappe, loader: "js" };
			});
		},
	};
}

function bundleName(file) {
	// assets.json is keyed by file name: desk.bundle.js, desk.bundle.css
	return path.basename(file).replace(/\.ts$/, ".js");
}

async function buildJavaScript(app, entries, frameworkDir, distDir, publicUrl) {
	if (!entries.length) return {};
	const entryPoints = {};
	for (const file of entries) {
		const out = `js/${bundleName(file).replace(/\.js$/, "")}`;
		if (entryPoints[out]) throw new Error(`two bundles named ${out}: ${entryPoints[out]} and ${file}`);
		entryPoints[out] = file;
	}
	const result = await esbuild.build({
		absWorkingDir: HERE,
		entryPoints,
		outdir: distDir,
		bundle: true,
		format: "iife",
		minify: true,
		sourcemap: "linked",
		write: false,
		metafile: true,
		logLevel: "silent",
		nodePaths: [NODE_MODULES],
		banner: { js: PRELUDE },
		loader: FILE_LOADERS,
		assetNames: "media/[name].[hash]",
		publicPath: publicUrl,
		external: ["/assets/*"],
		define: { "process.env.NODE_ENV": '"production"' },
		plugins: [
			monoframeResolvePlugin(frameworkDir),
			htmlTemplatePlugin,
			vueFrappeGlobalPlugin(frameworkDir),
			vuePlugin({ pathAliases: false }),
		],
	});
	const files = new Map(result.outputFiles.map((file) => [file.path, file]));
	const assets = {};
	const written = new Set();
	const write = (relative, contents) => {
		fs.mkdirSync(path.dirname(path.join(distDir, relative)), { recursive: true });
		fs.writeFileSync(path.join(distDir, relative), contents);
		written.add(relative);
	};
	const hashed = (name, contents) => name.replace(/\.(js|css)$/, `.${sha256(contents).slice(0, 8).toUpperCase()}.$1`);
	for (const [outPath, meta] of Object.entries(result.metafile.outputs)) {
		const absolute = path.resolve(HERE, outPath);
		if (!meta.entryPoint) {
			if (!absolute.endsWith(".map") && !absolute.endsWith(".css")) {
				write(path.relative(distDir, absolute), files.get(absolute).contents); // fonts, images
			}
			continue;
		}
		const name = path.basename(absolute);
		let js = files.get(absolute).text;
		if (meta.cssBundle) {
			// CSS imported by the bundle (.vue styles, a package's stylesheet): the page only loads the
			// .js, so the bundle adds its stylesheet itself
			const cssName = name.replace(/\.js$/, ".css");
			const cssOut = files.get(path.resolve(HERE, meta.cssBundle));
			const cssFile = hashed(cssName, cssOut.contents);
			const css = cssOut.text.replace(/\/\*# sourceMappingURL=.*\*\/\s*$/, "");
			write(`css/${cssFile}`, css);
			assets[cssName] = `${publicUrl}/css/${cssFile}`;
			const link = `${publicUrl}/css/${cssFile}`;
			js = js.replace(
				/(\/\/# sourceMappingURL=.*\s*)?$/,
				`(()=>{if(!document.querySelector('link[href=${JSON.stringify(link)}]')){const l=document.createElement("link");l.rel="stylesheet";l.href=${JSON.stringify(link)};document.head.appendChild(l);}})();\n$1`,
			);
		}
		const jsFile = hashed(name, js);
		const mapOut = files.get(`${absolute}.map`);
		js = js.replace(/\/\/# sourceMappingURL=.*/, `//# sourceMappingURL=${jsFile}.map`);
		write(`js/${jsFile}`, js);
		if (mapOut) write(`js/${jsFile}.map`, mapOut.contents);
		assets[name] = `${publicUrl}/js/${jsFile}`;
	}
	console.log(`  ${app}: ${entries.length} JavaScript bundles`);
	return assets;
}

// --- SCSS --------------------------------------------------------------------------------------

// Plain `.css` imports are inlined (Sass would leave them as CSS @import); their relative url()s are
// rewritten to the URL the file is served under.
function stylesheetImporter(roots, packageDirs) {
	const frameworkPublic = path.join(packageDirs[FRAMEWORK], "public");
	const urlOf = (file) => {
		for (const [dir, url] of roots) {
			if (file.startsWith(dir + path.sep)) return `${url}/${path.relative(dir, file).split(path.sep).join("/")}`;
		}
		return null;
	};
	const candidates = (base) => {
		const dir = path.dirname(base);
		const name = path.basename(base);
		const ext = path.extname(name);
		if ([".scss", ".sass", ".css"].includes(ext)) return [base, path.join(dir, `_${name}`)];
		return [
			...[".scss", ".sass", ".css"].flatMap((e) => [`${base}${e}`, path.join(dir, `_${name}${e}`)]),
			...["index.scss", "_index.scss", "index.css"].map((e) => path.join(base, e)),
		];
	};
	const find = (base) => candidates(base).find(isFile) ?? null;
	return {
		canonicalize(request) {
			let file = null;
			if (request.startsWith("file:")) {
				const base = fileURLToPath(request);
				file = find(base);
				const renamed = file ? null : frappeNamed(base, frameworkPublic);
				if (renamed) file = find(renamed);
			}
			else {
				const bare = renamePackages(request.replace(/^~/, "").replace(/\?inline$/, "")).replace(/^monoframe\/public\/node_modules\//, "");
				const [first, ...rest] = bare.split("/");
				if (packageDirs[first]) file = find(path.join(packageDirs[first], ...rest));
				file ??= find(path.join(NODE_MODULES, bare));
			}
			return file ? pathToFileURL(file) : null;
		},
		load(canonicalUrl) {
			const file = fileURLToPath(canonicalUrl);
			let contents = fs.readFileSync(file, "utf8");
			if (file.endsWith(".css")) {
				const base = urlOf(file);
				contents = contents.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, quote, target) => {
					if (!base || /^([a-z]+:|\/|#)/i.test(target)) return whole;
					return `url(${quote}${new URL(target, `http://x${base}`).pathname}${quote})`;
				});
				return { contents, syntax: "css" };
			}
			return { contents: inlinePlainCssImports(contents), syntax: file.endsWith(".sass") ? "indented" : "scss" };
		},
	};
}

// a query keeps Sass from taking `x.css` for a plain CSS import; the importer drops it again
function inlinePlainCssImports(source) {
	return source.replace(/(@import\s+)(['"])([^'"]+\.css)\2/g, (whole, at, quote, target) =>
		/^(https?:)?\/\//.test(target) ? whole : `${at}${quote}${target}?inline${quote}`,
	);
}

async function buildStylesheets(app, entries, { roots, packageDirs }, distDir, publicUrl) {
	const assets = {};
	const importer = stylesheetImporter(roots, packageDirs);
	for (const file of entries) {
		const source = inlinePlainCssImports(fs.readFileSync(file, "utf8"));
		const result = await sass.compileStringAsync(source, {
			url: pathToFileURL(file),
			importer,
			importers: [importer],
			style: "compressed",
			logger: sass.Logger.silent,
		});
		const name = bundleName(file).replace(/\.scss$/, ".css");
		const cssFile = name.replace(/\.css$/, `.${sha256(result.css).slice(0, 8).toUpperCase()}.css`);
		fs.mkdirSync(path.join(distDir, "css"), { recursive: true });
		fs.writeFileSync(path.join(distDir, "css", cssFile), result.css);
		assets[name] = `${publicUrl}/css/${cssFile}`;
	}
	if (entries.length) console.log(`  ${app}: ${entries.length} stylesheet bundles`);
	return assets;
}

// --- stages ------------------------------------------------------------------------------------

const buildScriptKey = () =>
	sha256(
		fs.readFileSync(fileURLToPath(import.meta.url)),
		fs.readFileSync(path.join(HERE, "package-lock.json")),
	);

function appSourceKey(app) {
	const publicDir = path.join(app.dir, "public");
	if (!fs.existsSync(publicDir)) return "";
	const hash = createHash("sha256");
	for (const file of walk(publicDir, skipBuilt).sort()) {
		hash.update(file);
		hash.update(fs.readFileSync(file));
	}
	return hash.digest("hex");
}

// Builds one app's bundles into DIR/built/<app> unless the recorded key is unchanged; returns its map.
async function buildApp(app, key, framework, stylesheetContext, outDir) {
	const target = path.join(outDir, "built", app.name);
	const stamp = path.join(target, "key");
	const mapFile = path.join(target, "assets.json");
	if (isFile(stamp) && fs.readFileSync(stamp, "utf8") === key && isFile(mapFile)) {
		return JSON.parse(fs.readFileSync(mapFile, "utf8"));
	}
	const entries = findBundles(path.join(app.dir, "public"));
	if (!entries.length) {
		fs.rmSync(target, { recursive: true, force: true });
		return {};
	}
	console.log(`Building the ${app.name} Desk bundles...`);
	await loadBuildTools();
	const started = Date.now();
	const staging = `${target}.${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	const distDir = path.join(staging, "dist");
	const publicUrl = `/assets/${app.name}/dist`;
	// both at once (esbuild runs in a process of its own), each finishing before an error is reported
	const results = await Promise.allSettled([
		buildJavaScript(app.name, entries.filter((f) => /\.(js|ts)$/.test(f)), framework.dir, distDir, publicUrl),
		buildStylesheets(app.name, entries.filter((f) => /\.s?css$/.test(f)), stylesheetContext, distDir, publicUrl),
	]);
	const failed = results.find((result) => result.status === "rejected");
	if (failed) throw failed.reason;
	const [js, css] = results.map((result) => result.value);
	const assets = { ...js, ...css };
	fs.writeFileSync(path.join(staging, "assets.json"), JSON.stringify(assets, null, 1));
	fs.writeFileSync(path.join(staging, "key"), key);
	fs.rmSync(target, { recursive: true, force: true });
	fs.renameSync(staging, target);
	console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return assets;
}

// --- the served tree ---------------------------------------------------------------------------

function ensureSymlink(link, target) {
	try {
		if (fs.readlinkSync(link) === target) return;
	} catch {
		// missing, or not a link
	}
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(target, link);
}

function writeIfChanged(file, contents) {
	if (isFile(file) && fs.readFileSync(file, "utf8") === contents) return;
	fs.writeFileSync(`${file}.tmp`, contents);
	fs.renameSync(`${file}.tmp`, file);
}

// <tree>/<app>: a link to the app's public folder, or (with bundles, or for the framework's extra
// files) a folder of links to its entries beside dist/
function assembleApp(tree, app, builtDir, extras) {
	const publicDir = path.join(app.dir, "public");
	const target = path.join(tree, app.name);
	if (!fs.existsSync(builtDir) && !Object.keys(extras).length) {
		ensureSymlink(target, publicDir);
		return;
	}
	if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(target);
	fs.mkdirSync(target, { recursive: true });
	const wanted = new Map(
		fs.existsSync(publicDir) ? fs.readdirSync(publicDir).map((name) => [name, path.join(publicDir, name)]) : [],
	);
	if (fs.existsSync(builtDir)) wanted.set("dist", path.join(builtDir, "dist"));
	for (const [name, linkTarget] of Object.entries(extras)) wanted.set(name, linkTarget);
	for (const name of fs.readdirSync(target)) {
		if (!wanted.has(name)) fs.rmSync(path.join(target, name), { recursive: true, force: true });
	}
	for (const [name, linkTarget] of wanted) {
		if (typeof linkTarget === "string") ensureSymlink(path.join(target, name), linkTarget);
		else linkTarget(path.join(target, name));
	}
}

// images/: the wheel's files plus the fork's names for Frappe's logos
function frameworkImages(frameworkDir) {
	const imagesDir = path.join(frameworkDir, "public", "images");
	return (target) => {
		if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(target);
		fs.mkdirSync(target, { recursive: true });
		const wanted = new Map(fs.readdirSync(imagesDir).map((name) => [name, path.join(imagesDir, name)]));
		for (const [alias, original] of Object.entries(IMAGE_ALIASES)) {
			if (!wanted.has(alias) && wanted.has(original)) wanted.set(alias, wanted.get(original));
		}
		for (const name of fs.readdirSync(target)) if (!wanted.has(name)) fs.rmSync(path.join(target, name));
		for (const [name, linkTarget] of wanted) ensureSymlink(path.join(target, name), linkTarget);
	};
}

function withLock(dir, fn) {
	const lock = path.join(dir, ".lock");
	fs.mkdirSync(dir, { recursive: true });
	const deadline = Date.now() + 20 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== "EEXIST") throw error;
			const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
			if (age > 15 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
			if (Date.now() > deadline) throw new Error(`${lock} held too long`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
		}
	}
	return fn().finally(() => fs.rmSync(lock, { recursive: true, force: true }));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	process.chdir(HERE); // esbuild-plugin-vue3 looks for node_modules in the working folder
	const { framework, apps, out } = args;
	await withLock(out, async () => {
		const scriptKey = buildScriptKey();
		// where a stylesheet imported from each package is served (for its relative url()s)
		const roots = [
			[path.join(framework.dir, "public"), `/assets/${FRAMEWORK}`],
			[NODE_MODULES, `/assets/${FRAMEWORK}/node_modules`],
			...apps.map((app) => [path.join(app.dir, "public"), `/assets/${app.name}`]),
		];
		// stylesheets import other packages' files as `monoframe/public/...`
		const packageDirs = Object.fromEntries([framework, ...apps].map((app) => [app.name, app.dir]));
		const stylesheetContext = { roots, packageDirs };
		const assets = {};
		const frameworkKey = sha256(scriptKey, framework.version, framework.dir);
		Object.assign(assets, await buildApp(framework, frameworkKey, framework, stylesheetContext, out));
		for (const app of apps) {
			Object.assign(
				assets,
				await buildApp(app, sha256(frameworkKey, appSourceKey(app)), framework, stylesheetContext, out),
			);
		}
		for (const [alias, original] of Object.entries(BUNDLE_ALIASES)) {
			if (assets[original]) assets[alias] = assets[original];
		}

		const tree = path.join(out, "assets");
		fs.mkdirSync(tree, { recursive: true });
		assembleApp(tree, framework, path.join(out, "built", FRAMEWORK), {
			node_modules: NODE_MODULES,
			images: frameworkImages(framework.dir),
		});
		for (const app of apps) assembleApp(tree, app, path.join(out, "built", app.name), {});
		const known = new Set([FRAMEWORK, ...apps.map((app) => app.name), "assets.json", "assets-rtl.json"]);
		for (const name of fs.readdirSync(tree)) {
			if (!known.has(name)) fs.rmSync(path.join(tree, name), { recursive: true, force: true });
		}
		// no right-to-left build: RTL languages get the left-to-right stylesheets
		const rtl = Object.fromEntries(
			Object.entries(assets)
				.filter(([name]) => name.endsWith(".css"))
				.map(([name, url]) => [`rtl_${name}`, url]),
		);
		writeIfChanged(path.join(tree, "assets.json"), JSON.stringify(assets, null, 1));
		writeIfChanged(path.join(tree, "assets-rtl.json"), JSON.stringify(rtl, null, 1));
	});
}

main().catch((error) => {
	console.error(error.errors ? esbuild.formatMessagesSync(error.errors, { kind: "error" }).join("\n") : error);
	esbuild?.stop();
	process.exit(1);
});
