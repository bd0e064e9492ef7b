// The best a hand-written JS scheduler does on the benchmark's two workloads, recording four events
// per task ({ task, kind, t }) into an array as the playground records its trace, and like it reading
// the clock once per browser task (a timer's callback, a message), every event of that task sharing
// the reading. Each function is handed to `page.evaluate` whole, so it holds everything it uses,
// and resolves to its wall time (ms).

/**
 * 10 000 tasks each await sleep(1) through one armed timer: deadlines (rounded up to the ms, then
 * in the order the sleeps began) wait in a binary heap, as asyncio's do; one setTimeout is armed for
 * the earliest, and when it fires every sleep due within 1 ms resumes and the next is armed.
 */
export async function heapTimers() {
  const events = [], heap = [];
  let order = 0, armed = null, armedFor = Infinity, now = performance.now();
  const before = (a, b) => a.due < b.due || (a.due === b.due && a.order < b.order);
  const swap = (i, j) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const push = (entry) => {
    for (let i = heap.push(entry) - 1; i > 0 && before(heap[i], heap[(i - 1) >> 1]); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  };
  const pop = () => {
    const top = heap[0], last = heap.pop();
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1, r = l + 1;
      let least = i;
      if (l < heap.length && before(heap[l], heap[least])) least = l;
      if (r < heap.length && before(heap[r], heap[least])) least = r;
      if (least === i) return top;
      swap(i, least);
      i = least;
    }
  };
  const arm = () => {
    if (heap.length === 0 || armedFor <= heap[0].due) return;
    clearTimeout(armed);
    armedFor = heap[0].due;
    armed = setTimeout(() => {
      armedFor = Infinity;
      now = performance.now();
      while (heap.length > 0 && heap[0].due <= now + 1) pop().resume();
      arm();
    }, Math.max(0, armedFor - now));
  };
  const sleep = (ms) => new Promise((resume) => {
    push({ due: Math.ceil(now + ms), order: order++, resume });
    arm();
  });
  const task = async (name) => {
    events.push({ task: name, kind: "start", t: now });
    events.push({ task: name, kind: "sleep", t: now });
    await sleep(1);
    events.push({ task: name, kind: "resume", t: now });
    events.push({ task: name, kind: "done", t: now });
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 10_000 }, (_, i) => task(`t${i}`)));
  const total = performance.now() - start;
  if (events.length !== 40_000) throw new Error(`recorded ${events.length} events`);
  return total;
}

/**
 * 1 000 tasks × 100 yields through one MessageChannel message per loop turn: when it arrives,
 * every task that yielded before the turn began resumes, in the order they yielded.
 */
export async function turnYields() {
  const events = [], channel = new MessageChannel();
  let waiting = [], now = performance.now();
  channel.port1.onmessage = () => {
    now = performance.now();
    const turn = waiting;
    waiting = [];
    for (const resume of turn) resume();
  };
  const yieldTurn = () => new Promise((resume) => {
    if (waiting.length === 0) channel.port2.postMessage(null);
    waiting.push(resume);
  });
  const task = async (name) => {
    events.push({ task: name, kind: "start", t: now });
    events.push({ task: name, kind: "yield", t: now });
    for (let k = 0; k < 100; k++) await yieldTurn();
    events.push({ task: name, kind: "resume", t: now });
    events.push({ task: name, kind: "done", t: now });
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 1_000 }, (_, i) => task(`t${i}`)));
  const total = performance.now() - start;
  channel.port1.close();
  if (events.length !== 4_000) throw new Error(`recorded ${events.length} events`);
  return total;
}
