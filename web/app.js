// Demo page: drop files, watch them go to S3, pause/resume/cancel, download when done.
// Everything that talks to the API is in uploadgate.js; this file is only the interface.
import { upload, download, listResumable, PAUSE } from './uploadgate.js';

const endpoint = location.origin;
const MAX_ACTIVE = 2; // files uploading at once; each one already sends several parts in parallel

const dropzone = document.getElementById('dropzone');
const input = document.getElementById('file-input');
const list = document.getElementById('file-list');
const uploads = document.getElementById('uploads');
const summary = document.getElementById('summary');
const template = document.getElementById('file-row');
const items = [];

document.getElementById('endpoint').textContent = endpoint;
showResumable();

input.addEventListener('change', () => {
  addFiles(input.files);
  input.value = ''; // choosing the same file again must fire change again
});
// The whole zone opens the picker; the button inside is the keyboard way to it.
dropzone.addEventListener('click', () => input.click());
for (const type of ['dragenter', 'dragover']) {
  dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add('is-dragging');
  });
}
for (const type of ['dragleave', 'drop']) {
  dropzone.addEventListener(type, () => dropzone.classList.remove('is-dragging'));
}
dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  addFiles(event.dataTransfer.files);
});
// A file dropped next to the zone would otherwise make the browser navigate away to it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

function addFiles(files) {
  for (const file of files) {
    const item = { file, state: 'queued', loaded: 0, samples: [], controller: null, row: renderRow(file) };
    item.row.querySelector('.pause').addEventListener('click', () => pause(item));
    item.row.querySelector('.resume').addEventListener('click', () => resume(item));
    item.row.querySelector('.cancel').addEventListener('click', () => cancel(item));
    item.row.querySelector('.remove').addEventListener('click', () => remove(item));
    items.push(item);
    list.append(item.row);
    update(item);
  }
  uploads.hidden = items.length === 0;
  pump();
}

/** Starts queued files while fewer than MAX_ACTIVE are uploading. */
function pump() {
  for (const item of items) {
    if (items.filter((i) => i.state === 'uploading').length >= MAX_ACTIVE) break;
    if (item.state === 'queued') start(item);
  }
  updateSummary();
}

async function start(item) {
  item.state = 'uploading';
  item.error = null;
  item.samples = [];
  item.controller = new AbortController();
  const startedAt = performance.now();
  update(item);
  try {
    const result = await upload(item.file, {
      endpoint,
      signal: item.controller.signal,
      onProgress: ({ loaded }) => progress(item, loaded),
    });
    item.result = result;
    item.loaded = item.file.size;
    item.url = await download(result.key, { endpoint });
    item.state = 'done';
    item.activeMs = (item.activeMs ?? 0) + (performance.now() - startedAt);
  } catch (error) {
    item.activeMs = (item.activeMs ?? 0) + (performance.now() - startedAt);
    if (error.code === 'Paused') item.state = 'paused';
    else if (error.code === 'Aborted') item.state = 'cancelled';
    else {
      item.state = 'error';
      item.error = error.message;
      console.warn('upload failed', error);
    }
  }
  update(item);
  showResumable();
  pump();
}

function pause(item) {
  if (item.state === 'uploading') item.controller.abort(PAUSE);
  else if (item.state === 'queued') {
    item.state = 'paused';
    update(item);
  }
}

function resume(item) {
  item.state = 'queued';
  update(item);
  pump();
}

function cancel(item) {
  if (item.state === 'uploading') {
    item.controller.abort();
  } else {
    item.state = 'cancelled';
    update(item);
    pump();
  }
}

function remove(item) {
  items.splice(items.indexOf(item), 1);
  item.row.remove();
  uploads.hidden = items.length === 0;
  updateSummary();
}

function progress(item, loaded) {
  item.loaded = loaded;
  const now = performance.now();
  item.samples.push([now, loaded]);
  // Speed over the last three seconds: steady, yet quick to follow a change.
  while (item.samples.length > 2 && now - item.samples[0][0] > 3000) item.samples.shift();
  update(item);
}

function speedOf(item) {
  const first = item.samples[0];
  const last = item.samples[item.samples.length - 1];
  if (!first || last[0] - first[0] < 250) return 0;
  return ((last[1] - first[1]) * 1000) / (last[0] - first[0]);
}

function renderRow(file) {
  const row = template.content.firstElementChild.cloneNode(true);
  row.querySelector('.file-name').textContent = file.name;
  row.querySelector('.file-name').title = file.name;
  row.querySelector('.file-size').textContent = formatBytes(file.size);
  row.querySelector('.file-icon').textContent = extensionOf(file.name);
  for (const button of row.querySelectorAll('button')) {
    button.setAttribute('aria-label', `${button.title} ${file.name}`);
  }
  return row;
}

function update(item) {
  const { row, file, state } = item;
  const percent = file.size === 0 ? (state === 'done' ? 100 : 0) : Math.floor((item.loaded / file.size) * 100);
  row.dataset.state = state;
  row.querySelector('.progress-fill').style.width = `${state === 'done' ? 100 : percent}%`;
  const bar = row.querySelector('.progress');
  bar.setAttribute('aria-valuenow', String(state === 'done' ? 100 : percent));
  bar.setAttribute('aria-label', `Upload of ${file.name}`);
  row.querySelector('.file-status').textContent = statusText(item, percent);
  row.querySelector('.file-status').title = item.result?.checksum ? `${item.result.checksum.algorithm} ${item.result.checksum.value}` : '';
  row.querySelector('.pause').hidden = !(state === 'uploading' || state === 'queued');
  row.querySelector('.resume').hidden = !(state === 'paused' || state === 'error');
  row.querySelector('.resume').title = state === 'error' ? 'Retry' : 'Resume';
  row.querySelector('.cancel').hidden = !['uploading', 'queued', 'paused', 'error'].includes(state);
  row.querySelector('.remove').hidden = !(state === 'done' || state === 'cancelled');
  const link = row.querySelector('.download');
  link.hidden = state !== 'done';
  if (state === 'done') {
    link.href = item.url;
    link.setAttribute('aria-label', `Download ${file.name}`);
  }
  updateSummary();
}

function statusText(item, percent) {
  switch (item.state) {
    case 'queued':
      return 'Waiting…';
    case 'uploading': {
      const speed = speedOf(item);
      if (!speed) return `${percent}% · starting…`;
      const eta = (item.file.size - item.loaded) / speed;
      return `${percent}% · ${formatBytes(speed)}/s · ${formatDuration(eta)} left`;
    }
    case 'paused':
      return `Paused at ${percent}% · ${formatBytes(item.loaded)} of ${formatBytes(item.file.size)}`;
    case 'done': {
      const seconds = (item.activeMs ?? 0) / 1000;
      // S3 refused any part whose bytes did not match this checksum, so it is worth showing.
      const checked = item.result?.checksum ? ` · ${item.result.checksum.algorithm} checked by S3` : '';
      if (item.file.size === 0 || seconds <= 0) return `Uploaded${checked}`;
      return `Uploaded in ${formatDuration(seconds)} · ${formatBytes(item.file.size / seconds)}/s average${checked}`;
    }
    case 'cancelled':
      return 'Cancelled';
    case 'error':
      return item.error;
    default:
      return '';
  }
}

function updateSummary() {
  const done = items.filter((i) => i.state === 'done').length;
  const active = items.filter((i) => i.state === 'uploading' || i.state === 'queued').length;
  const parts = [`${done} of ${items.length} uploaded`];
  if (active) parts.push(`${active} in progress`);
  summary.textContent = parts.join(' · ');
}

function showResumable() {
  const hint = document.getElementById('resume-hint');
  const active = new Set(items.filter((i) => i.state !== 'done').map((i) => i.file.name));
  const waiting = listResumable({ endpoint }).filter((u) => !active.has(u.name));
  hint.hidden = waiting.length === 0;
  if (waiting.length > 0) {
    const names = waiting.slice(0, 3).map((u) => `${u.name} (${formatBytes(u.size)})`).join(', ');
    hint.textContent = `Interrupted: ${names}${waiting.length > 3 ? ', …' : ''}. Drop the same file again to resume it.`;
  }
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${Math.max(0.1, seconds).toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function extensionOf(name) {
  const match = /\.([a-z0-9]{1,4})$/i.exec(name);
  return match ? match[1].toUpperCase() : 'FILE';
}
