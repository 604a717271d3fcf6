// The report's tables (plain HTML written by the library) made to sort and filter: a click on a
// header sorts by that column (again: the other way), a box above a table keeps the rows that
// contain its text, and a row of a node in the view focuses that node when clicked.
import { el } from "./text.js";

function cellValue(row, col) {
  const text = row.cells[col]?.textContent.trim() ?? "";
  const n = Number(text.replace(/,/g, ""));
  return text !== "" && text !== "–" && Number.isFinite(n) ? n : text.toLowerCase();
}

function sortBy(table, col, th) {
  const body = table.tBodies[0];
  const asc = !th.classList.contains("asc");
  for (const h of table.tHead.rows[0].cells) h.classList.remove("asc", "desc");
  th.classList.add(asc ? "asc" : "desc");
  const rows = [...body.rows];
  rows.sort((r1, r2) => {
    const a = cellValue(r1, col), b = cellValue(r2, col);
    // numbers before text, blanks last
    const c = typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === "number" ? -1 : 1;
    return asc ? c : -c;
  });
  body.append(...rows);
}

export function enhanceTables(root, onNode) {
  for (const table of root.querySelectorAll("table")) {
    if (!table.tHead || !table.tBodies.length) continue;
    [...table.tHead.rows[0].cells].forEach((th, col) => {
      th.classList.add("sortable");
      th.setAttribute("title", "sort");
      th.addEventListener("click", () => sortBy(table, col, th));
    });
    if (table.tBodies[0].rows.length > 5) {
      const box = el("input", { type: "search", class: "table-filter", placeholder: "filter rows",
        "aria-label": "filter the rows of this table" });
      box.addEventListener("input", () => {
        const q = box.value.trim().toLowerCase();
        for (const row of table.tBodies[0].rows) row.hidden = q !== "" && !row.textContent.toLowerCase().includes(q);
      });
      table.before(box);
    }
    table.tBodies[0].addEventListener("click", (e) => {
      const row = e.target.closest("tr[data-node]");
      if (row) onNode(Number(row.dataset.node));
    });
  }
}
