// A histogram of evidence dates (per month, over the ties in this view) with a brush: drag to
// keep only the ties with evidence in that period; a click clears it.
import { dayText } from "./text.js";

export class Timeline {
  constructor(d, root, onWindow) {
    this.root = root;
    this.onWindow = onWindow;
    let lo = Infinity, hi = -Infinity;
    for (const days of d.ties.days) for (const x of days) { if (x < lo) lo = x; if (x > hi) hi = x; }
    this.empty = !Number.isFinite(lo);
    if (this.empty) {
      root.textContent = "No dated evidence in this view.";
      return;
    }
    // month bins
    const month = (day) => { const t = new Date(day * 86400000); return t.getUTCFullYear() * 12 + t.getUTCMonth(); };
    this.m0 = month(lo);
    this.bins = new Float64Array(month(hi) - this.m0 + 1);
    for (const days of d.ties.days) for (const x of days) this.bins[month(x) - this.m0]++;
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("aria-label", "evidence dates");
    root.append(this.canvas);
    this.brush = null;  // [x0, x1] in css pixels
    this.canvas.addEventListener("pointerdown", (e) => this.down(e));
    this.canvas.addEventListener("pointermove", (e) => this.move(e));
    this.canvas.addEventListener("pointerup", (e) => this.up(e));
    new ResizeObserver(() => this.draw()).observe(root);
    this.draw();
  }

  monthStartDay(m) { return Math.round(Date.UTC(Math.floor(m / 12), m % 12, 1) / 86400000); }

  // x (css pixels) to a month index
  monthAt(x) {
    const w = this.canvas.clientWidth;
    return Math.max(0, Math.min(this.bins.length - 1, Math.floor((x / w) * this.bins.length)));
  }

  draw() {
    const c = this.canvas, w = c.clientWidth, h = c.clientHeight;
    if (!w || !h) return;
    c.width = w; c.height = h;
    const g = c.getContext("2d");
    const max = Math.max(1, ...this.bins);
    const bw = w / this.bins.length, top = 4, base = h - 16;
    g.fillStyle = "#6b8fc7";
    this.bins.forEach((v, i) => {
      const bh = ((base - top) * v) / max;
      g.fillRect(i * bw + 0.5, base - bh, Math.max(1, bw - 1), bh);
    });
    g.fillStyle = "#333";
    g.font = "10px sans-serif";
    let lastYear = null;
    for (let i = 0; i < this.bins.length; ++i) {
      const m = this.m0 + i, year = Math.floor(m / 12);
      if (year !== lastYear && m % 12 === 0 || i === 0) { g.fillText(String(year), i * bw + 2, h - 4); lastYear = year; }
    }
    if (this.brush) {
      const [a, b] = this.brush;
      g.fillStyle = "rgba(255,127,0,0.18)";
      g.fillRect(Math.min(a, b), 0, Math.abs(b - a), h);
      g.strokeStyle = "#ff7f00";
      g.strokeRect(Math.min(a, b) + 0.5, 0.5, Math.abs(b - a), h - 1);
    }
  }

  x(e) { return e.clientX - this.canvas.getBoundingClientRect().left; }
  down(e) { this.dragging = true; this.canvas.setPointerCapture(e.pointerId); this.brush = [this.x(e), this.x(e)]; this.draw(); }
  move(e) { if (!this.dragging) return; this.brush[1] = this.x(e); this.draw(); }
  up(e) {
    if (!this.dragging) return;
    this.dragging = false;
    this.brush[1] = this.x(e);
    const [a, b] = [Math.min(...this.brush), Math.max(...this.brush)];
    if (b - a < 3) { this.brush = null; this.draw(); this.onWindow(null, ""); return; }
    const from = this.monthStartDay(this.m0 + this.monthAt(a));
    const to = this.monthStartDay(this.m0 + this.monthAt(b) + 1) - 1;
    this.draw();
    this.onWindow([from, to], `${dayText(from)} to ${dayText(to)}`);
  }
}
