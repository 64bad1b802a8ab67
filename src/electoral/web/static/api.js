// The API's operations, listed from /openapi.json (the app's own schema; no CDN).
"use strict";

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function params(op) {
  return (op.parameters || []).map((p) => {
    const s = p.schema || {};
    const range = [s.minimum !== undefined ? `>= ${s.minimum}` : "",
      s.maximum !== undefined ? `<= ${s.maximum}` : "",
      s.maxLength !== undefined ? `at most ${s.maxLength} characters` : ""].filter(Boolean);
    return `${p.name} (${p.in}${p.required ? ", required" : ""}${range.length ? "; " + range.join(", ") : ""})`;
  });
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const box = document.getElementById("operations");
  box.replaceChildren();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el("section", undefined, "operation");
      sec.append(el("h2", `${method.toUpperCase()} ${path}`));
      if (op.summary) sec.append(el("p", op.summary));
      const ps = params(op);
      if (ps.length) {
        const ul = el("ul");
        for (const p of ps) ul.append(el("li", p));
        sec.append(el("p", "Parameters:"), ul);
      }
      if (op.requestBody) {
        const ref = ((op.requestBody.content || {})["application/json"] || {}).schema || {};
        const name = (ref.$ref || "").split("/").pop() || "a JSON object";
        sec.append(el("p", `Body: ${name}`));
      }
      sec.append(el("p", `Responses: ${Object.keys(op.responses || {}).join(", ")}`, "small"));
      box.append(sec);
    }
  }
}

main().catch((e) => { document.getElementById("operations").textContent = `Could not load the schema: ${e}`; });
