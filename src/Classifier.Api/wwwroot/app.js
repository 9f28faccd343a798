// The analysts' page: plain JavaScript, no dependencies, works offline against this API.
"use strict";

const PALETTE = [
  { mark: "#ffd8a8", bar: "#d9480f" }, { mark: "#b2f2bb", bar: "#2b8a3e" }, { mark: "#a5d8ff", bar: "#1864ab" },
  { mark: "#eebefa", bar: "#862e9c" }, { mark: "#ffec99", bar: "#e67700" }, { mark: "#ffc9c9", bar: "#c92a2a" },
];
const BATCH_SIZE = 32;
let topicColors = new Map();
let batchRows = [];
let batchColumns = [];
let sortState = { column: null, ascending: true };

const $ = (id) => document.getElementById(id);

function colorOf(label) {
  if (!topicColors.has(label)) topicColors.set(label, PALETTE[topicColors.size % PALETTE.length]);
  return topicColors.get(label);
}

function showError(element, message) {
  element.textContent = message;
  element.hidden = !message;
}

/** The problem-details message of a failed answer, or a plain description when there is none. */
async function problemMessage(response) {
  try {
    const problem = await response.json();
    return `${problem.title || "Error"} (${response.status}): ${problem.detail || ""}`.trim();
  } catch {
    return `The service answered ${response.status} ${response.statusText}.`;
  }
}

function looksBinary(text) {
  if (text.includes("\u0000")) return true;
  const replacement = (text.match(/\uFFFD/g) || []).length;
  return replacement > 0 && replacement / text.length > 0.01;
}

// ---- the model panel ----
let model = null;
async function loadModel() {
  const error = $("model-error");
  try {
    const response = await fetch("/model");
    if (!response.ok) { showError(error, await problemMessage(response)); return; }
    showError(error, "");
    model = await response.json();
    const metadata = model.metadata || {};
    (metadata.labels || []).forEach(colorOf);
    const rows = [
      ["Name", model.name], ["Version", model.version], ["Loaded at", model.loadedAtUtc],
      ["Trained at", metadata.trainedAtUtc], ["Trainer", metadata.trainer],
      ["Featurizer", metadata.featurizer && metadata.featurizer.name],
      ["Training rows per topic", metadata.trainingData && Object.entries(metadata.trainingData.rowsPerLabel).map(([k, v]) => `${k} ${v}`).join(", ")],
      ["Test macro-F1", metadata.testMetrics && metadata.testMetrics.macroF1.toFixed(3)],
      ["Test calibration error (ECE)", metadata.testMetrics && metadata.testMetrics.calibration && metadata.testMetrics.calibration.ece.toFixed(3)],
      ["Off-topic answer", model.answers && (model.answers.offTopicThreshold < 1 ? `'${model.answers.otherLabel}' from off-topic probability ${model.answers.offTopicThreshold}` : "never")],
      ["Topics listed from probability", model.answers && model.answers.topicThreshold],
      ["Test accuracy", metadata.testMetrics && metadata.testMetrics.microAccuracy.toFixed(3)],
      ["Test rows", metadata.testMetrics && metadata.testMetrics.rows],
    ];
    const list = $("model");
    list.replaceChildren();
    for (const [name, value] of rows) {
      if (value === undefined || value === null || value === "") continue;
      const dt = document.createElement("dt"); dt.textContent = name;
      const dd = document.createElement("dd"); dd.textContent = value;
      list.append(dt, dd);
    }
    if (metadata.testMetrics && metadata.testMetrics.perClass) {
      const dt = document.createElement("dt"); dt.textContent = "Test F1 per topic";
      const dd = document.createElement("dd");
      dd.textContent = Object.entries(metadata.testMetrics.perClass).map(([k, v]) => `${k} ${v.f1.toFixed(3)}`).join(", ");
      list.append(dt, dd);
    }
  } catch (e) {
    showError(error, `The model could not be read: ${e.message}`);
  }
}

// ---- one article ----
async function classify(text) {
  const error = $("single-error");
  showError(error, "");
  $("result").hidden = true;
  if (!text.trim()) { showError(error, "The text is empty: paste an article or open a text file."); return; }
  const button = $("classify");
  button.disabled = true;
  try {
    const response = await fetch("/predict?explain=true", {
      method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text,
    });
    if (!response.ok) { showError(error, await problemMessage(response)); return; }
    render(text, await response.json());
  } catch (e) {
    showError(error, `The service could not be reached: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

function render(text, answer) {
  Object.keys(answer.scores).forEach(colorOf);
  $("result-label").textContent = answer.label;
  $("result-confidence").textContent = `(probability ${(answer.confidence * 100).toFixed(1)}%)`;
  const offTopic = model && model.answers && answer.label === model.answers.otherLabel;
  $("result-note").textContent = offTopic ? "The article is about none of the topics." : "";
  $("result-topics").textContent = answer.topics.map((t) => `${t.label} ${(t.probability * 100).toFixed(0)}%`).join(", ");

  const bars = $("bars");
  bars.replaceChildren();
  for (const [label, probability] of Object.entries(answer.scores)) {
    const item = document.createElement("li");
    const name = document.createElement("span"); name.textContent = label;
    const bar = document.createElement("span"); bar.className = "bar";
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", `${label}: ${(probability * 100).toFixed(1)}%`);
    const fill = document.createElement("span");
    fill.style.width = `${(probability * 100).toFixed(1)}%`;
    fill.style.background = colorOf(label).bar;
    bar.append(fill);
    const value = document.createElement("span"); value.textContent = `${(probability * 100).toFixed(1)}%`;
    item.dataset.topic = label;
    item.append(name, bar, value);
    bars.append(item);
  }

  const legend = $("legend");
  legend.replaceChildren();
  for (const label of Object.keys(answer.scores)) {
    const item = document.createElement("li");
    const swatch = document.createElement("span"); swatch.className = "swatch"; swatch.style.background = colorOf(label).mark;
    item.append(swatch, document.createTextNode(label));
    legend.append(item);
  }

  // Every span that pushed some topic up, coloured by that topic; where spans overlap the stronger one wins.
  const spans = [];
  for (const topic of answer.explanation || []) {
    for (const term of topic.up) {
      for (const [start, length] of term.offsets) spans.push({ start, end: start + length, topic: topic.label, weight: term.weight });
    }
  }
  spans.sort((a, b) => b.weight - a.weight);
  const taken = [];
  for (const span of spans) {
    if (!taken.some((t) => span.start < t.end && t.start < span.end)) taken.push(span);
  }
  taken.sort((a, b) => a.start - b.start);

  const target = $("highlighted");
  target.replaceChildren();
  let position = 0;
  for (const span of taken) {
    if (span.start > position) target.append(document.createTextNode(text.slice(position, span.start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(span.start, span.end);
    mark.style.background = colorOf(span.topic).mark;
    mark.dataset.topic = span.topic;
    mark.title = `${span.topic} +${span.weight.toFixed(2)}`;
    mark.setAttribute("aria-label", `${mark.textContent}: ${span.topic} +${span.weight.toFixed(2)}`);
    target.append(mark);
    position = span.end;
  }
  if (position < text.length) target.append(document.createTextNode(text.slice(position)));
  $("result").hidden = false;
}

async function readTextFile(file, errorElement) {
  const text = await file.text();
  if (looksBinary(text)) {
    showError(errorElement, `${file.name} does not look like a text file (it holds binary data). Choose a UTF-8 text file.`);
    return null;
  }
  return text;
}

// ---- many articles ----
function parseTsv(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.length > 0);
  const unescape = (v) => v.replace(/\\(n|t|r|\\)/g, (_, c) => ({ n: "\n", t: "\t", r: "\r", "\\": "\\" })[c]);
  const header = lines[0].split("\t").map((h) => h.trim().toLowerCase());
  return lines.slice(1).map((line) => Object.fromEntries(line.split("\t").map((v, i) => [header[i], unescape(v)])));
}

function parseCsv(text) {
  const records = [];
  let record = [], field = "", quoted = false;
  text = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { record.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field); field = "";
      if (record.length > 1 || record[0] !== "") records.push(record);
      record = [];
    } else field += c;
  }
  if (field !== "" || record.length > 0) { record.push(field); records.push(record); }
  const header = records[0].map((h) => h.trim().toLowerCase());
  return records.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [header[i], v])));
}

function parseJsonl(text) {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((line, i) => {
    try {
      const object = JSON.parse(line);
      return Object.fromEntries(Object.entries(object).map(([k, v]) => [k.toLowerCase(), v]));
    } catch { throw new Error(`line ${i + 1} is not valid JSON`); }
  });
}

async function classifyBatch(file) {
  const error = $("batch-error");
  showError(error, "");
  $("batch-result").hidden = true;
  const text = await readTextFile(file, error);
  if (text === null) return;
  let records;
  try {
    const name = file.name.toLowerCase();
    records = name.endsWith(".csv") ? parseCsv(text) : name.endsWith(".jsonl") ? parseJsonl(text) : parseTsv(text);
  } catch (e) { showError(error, `${file.name}: ${e.message}`); return; }
  if (!records.length || !records.every((r) => typeof r.text === "string")) {
    showError(error, `${file.name}: expected a header row with a 'text' column and at least one article.`);
    return;
  }

  const results = [];
  for (let i = 0; i < records.length; i += BATCH_SIZE) {
    $("batch-status").textContent = `Classifying ${Math.min(i + BATCH_SIZE, records.length)} of ${records.length}…`;
    const chunk = records.slice(i, i + BATCH_SIZE);
    const response = await fetch("/predict/batch", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ texts: chunk.map((r) => r.text) }),
    });
    if (!response.ok) {
      $("batch-status").textContent = "";
      showError(error, `Articles ${i + 1}–${i + chunk.length}: ${await problemMessage(response)}`);
      return;
    }
    const answer = await response.json();
    answer.results.forEach((result, k) => results.push({ record: chunk[k], result, row: i + k + 1 }));
  }
  $("batch-status").textContent = `${results.length} articles classified.`;

  const labels = Object.keys(results[0].result.scores).sort();
  const hasId = records.some((r) => r.id !== undefined);
  const hasLabel = records.some((r) => r.label !== undefined);
  batchColumns = [
    { key: "row", title: "#", numeric: true },
    ...(hasId ? [{ key: "id", title: "id" }] : []),
    ...(hasLabel ? [{ key: "label", title: "given label" }] : []),
    { key: "predicted", title: "predicted" },
    { key: "confidence", title: "confidence", numeric: true },
    { key: "topics", title: "topics" },
    ...labels.map((l) => ({ key: `score:${l}`, title: l, numeric: true })),
    { key: "text", title: "text" },
  ];
  batchRows = results.map(({ record, result, row }) => ({
    row, id: record.id, label: record.label, predicted: result.label, confidence: result.confidence,
    topics: result.topics.map((t) => t.label).join(" "),
    ...Object.fromEntries(labels.map((l) => [`score:${l}`, result.scores[l]])), text: record.text,
  }));
  sortState = { column: null, ascending: true };
  renderTable();
  $("batch-result").hidden = false;
}

function renderTable() {
  const head = $("batch-head");
  head.replaceChildren();
  for (const column of batchColumns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.setAttribute("aria-sort", sortState.column === column.key ? (sortState.ascending ? "ascending" : "descending") : "none");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = column.title + (sortState.column === column.key ? (sortState.ascending ? " ▲" : " ▼") : "");
    button.addEventListener("click", () => {
      sortState = { column: column.key, ascending: sortState.column === column.key ? !sortState.ascending : !column.numeric };
      const sign = sortState.ascending ? 1 : -1;
      batchRows.sort((a, b) => {
        const x = a[column.key], y = b[column.key];
        return sign * (column.numeric ? x - y : String(x ?? "").localeCompare(String(y ?? "")));
      });
      renderTable();
      head.querySelectorAll("button")[batchColumns.indexOf(column)].focus();
    });
    th.append(button);
    head.append(th);
  }
  const body = document.querySelector("#batch-table tbody");
  body.replaceChildren();
  for (const row of batchRows) {
    const tr = document.createElement("tr");
    for (const column of batchColumns) {
      const td = document.createElement("td");
      const value = row[column.key];
      td.textContent = column.numeric && column.key !== "row" ? Number(value).toFixed(3) : (value ?? "");
      if (column.key === "text") { td.className = "text"; td.title = value; }
      tr.append(td);
    }
    body.append(tr);
  }
}

function downloadCsv() {
  const quote = (v) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const lines = [batchColumns.map((c) => quote(c.title)).join(",")];
  for (const row of batchRows) lines.push(batchColumns.map((c) => quote(row[c.key])).join(","));
  const blob = new Blob(["\uFEFF" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "topics.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---- wiring ----
document.addEventListener("DOMContentLoaded", () => {
  const article = $("article");
  $("single-form").addEventListener("submit", (event) => { event.preventDefault(); classify(article.value); });
  $("article-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const text = await readTextFile(file, $("single-error"));
    if (text !== null) { article.value = text; classify(text); }
  });
  article.addEventListener("dragover", (event) => { event.preventDefault(); article.classList.add("drop"); });
  article.addEventListener("dragleave", () => article.classList.remove("drop"));
  article.addEventListener("drop", async (event) => {
    event.preventDefault();
    article.classList.remove("drop");
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const text = await readTextFile(file, $("single-error"));
    if (text !== null) { article.value = text; classify(text); }
  });
  $("batch-file").addEventListener("change", (event) => { if (event.target.files[0]) classifyBatch(event.target.files[0]); });
  $("download").addEventListener("click", downloadCsv);
  loadModel();
});
