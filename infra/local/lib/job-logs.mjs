// One job's lines from the functions' logs (out/logs/<function>.log): the JSON log lines whose mdc.jobId is the
// job's, and the metric lines (CloudWatch embedded metric format) whose jobId property is, in time order.
import fs from 'node:fs';
import path from 'node:path';

/** A log line as JSON, or null for a line that is not a JSON object. */
export function parseLine(line) {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The job a line is about: a log line's mdc.jobId, a metric line's jobId. */
export function jobOf(entry) {
  return entry?.mdc?.jobId ?? (entry?._aws ? entry.jobId : undefined);
}

/** When a line was written, in ms: a log line's timestamp, a metric line's _aws.Timestamp. */
export function timeOf(entry) {
  if (entry._aws) return entry._aws.Timestamp;
  return Date.parse(entry.timestamp);
}

/** Every JSON line of every log in `logDir`, with the file it came from. */
export function readLogs(logDir) {
  if (!fs.existsSync(logDir)) return [];
  const entries = [];
  for (const file of fs.readdirSync(logDir).filter((f) => f.endsWith('.log')).sort()) {
    const lines = fs.readFileSync(path.join(logDir, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const entry = parseLine(line);
      if (entry) entries.push({ file: file.replace(/\.log$/, ''), index, entry });
    });
  }
  return entries;
}

/** The job's lines, oldest first (a file's own order breaks ties). */
export function jobLines(logDir, jobId) {
  return readLogs(logDir)
    .filter(({ entry }) => jobOf(entry) === jobId)
    .sort((a, b) => timeOf(a.entry) - timeOf(b.entry) || a.file.localeCompare(b.file) || a.index - b.index);
}

/** One line for a reader: time, function, level and message; a metric line shows its metrics. */
export function formatLine({ file, entry }) {
  const time = new Date(timeOf(entry)).toISOString();
  if (entry._aws) {
    const metrics = entry._aws.CloudWatchMetrics.flatMap((d) => d.Metrics.map((m) => `${m.Name}=${entry[m.Name]}`));
    return `${time} ${file.padEnd(10)} METRIC ${metrics.join(' ')}`;
  }
  return `${time} ${file.padEnd(10)} ${String(entry.level).padEnd(5)} ${entry.message}`;
}
