// Plays the slides of the page like `newsboard play`: each page for its item's duration, an
// 800 ms crossfade between them, a ticker crawling a tenth of the shorter screen side a
// second, a clock in the masthead. window.SHOW = {report: URL or null}: where to post the
// frame times (requestAnimationFrame deltas) measured during each crossfade.
"use strict";

function paginate(slide) {
  // One section a page: a copy shifted one page of columns to the left each time.
  const flow = slide.querySelector(".flow");
  if (!flow) return [slide];
  const box = slide.querySelector(".cols");
  const gap = parseFloat(getComputedStyle(flow).columnGap) || 0;
  const pageW = box.clientWidth + gap;
  const pages = Math.max(1, Math.round((flow.scrollWidth + gap) / pageW));
  const all = [slide];
  for (let k = 1; k < pages; k++) {
    const copy = slide.cloneNode(true);
    copy.querySelector(".flow").style.transform = `translateX(${-k * pageW}px)`;
    slide.parentNode.insertBefore(copy, all[all.length - 1].nextSibling);
    all.push(copy);
  }
  return all;
}

function startTicker() {
  const strip = document.querySelector(".ticker .strip");
  if (!strip) return;
  const half = strip.scrollWidth / 2;  // the lines are there twice: the loop is seamless
  const speed = Math.min(innerWidth, innerHeight) / 10;
  strip.animate([{transform: "translateX(0)"}, {transform: `translateX(${-half}px)`}],
                {duration: half / speed * 1000, iterations: Infinity});
}

function startClock() {
  const clock = document.querySelector(".clock");
  const days = "日一二三四五六";
  const two = n => String(n).padStart(2, "0");
  const tick = () => {
    const d = new Date();
    clock.textContent = `${d.getMonth() + 1}月${d.getDate()}日 星期${days[d.getDay()]} ${two(d.getHours())}:${two(d.getMinutes())}`;
    setTimeout(tick, 60000 - d.getSeconds() * 1000 - d.getMilliseconds() + 5);
  };
  tick();
}

function recordFrames(ms) {
  // Frame times for `ms` from now: the first is from the slide change to the first frame's
  // callback, then requestAnimationFrame deltas. Posted to SHOW.report.
  if (!window.SHOW.report) return;
  const stamps = [performance.now()];
  const end = stamps[0] + ms;
  const frame = t => {
    stamps.push(t);
    if (t < end) requestAnimationFrame(frame);
    else fetch(window.SHOW.report, {method: "POST", body: JSON.stringify(stamps.slice(1).map((s, i) => s - stamps[i]))});
  };
  requestAnimationFrame(frame);
}

function play(pages) {
  let at = 0;
  pages[0].classList.add("shown");
  const next = () => {
    const from = pages[at];
    at = (at + 1) % pages.length;
    const to = pages[at];
    if (from !== to) {
      to.classList.add("entering");
      void to.offsetWidth;  // start the transition from opacity 0
      to.classList.add("fade");
      recordFrames(850);  // through the frame after the fade
      setTimeout(() => {
        from.classList.remove("shown");
        to.classList.remove("entering", "fade");
        to.classList.add("shown");
      }, 800);
    }
    setTimeout(next, to.dataset.duration * 1000);
  };
  setTimeout(next, pages[0].dataset.duration * 1000);
}

Promise.all([document.fonts.load("400 1em NB"), document.fonts.load("700 1em NB")]).then(() => {
  const pages = [...document.querySelectorAll(".slide")].flatMap(paginate);
  startClock();
  startTicker();
  document.body.classList.remove("loading");
  play(pages);
});
