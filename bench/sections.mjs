// Reports that more than one bench command writes: each command owns a section between two markers, rewrites it
// in place, and keeps the other commands' sections when it writes the rest of the file.
import fs from 'node:fs';

const markers = (name) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

/** The sections of `text` (other than `except`), each with its markers, in order. */
export function sectionsOf(text, except) {
  const found = [];
  for (const match of text.matchAll(/<!-- ([\w-]+):start -->/g)) {
    const end = markers(match[1])[1];
    const to = text.indexOf(end, match.index);
    if (match[1] !== except && to > 0) found.push(text.slice(match.index, to + end.length));
  }
  return found;
}

/** Writes `content` as the section `name` of `file`: in place when the file has it, else appended. */
export function writeSection(file, name, content) {
  const [start, end] = markers(name);
  const block = `${start}\n${content.trim()}\n${end}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from
    ? text.slice(0, from) + block + text.slice(to + end.length)
    : `${text.trimEnd()}${text ? '\n\n' : ''}${block}\n`;
  fs.writeFileSync(file, next);
}
