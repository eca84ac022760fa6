// bench/README.md from one run of bench/run: the table, the targets, the machine and what it means on Lambda.
import fs from 'node:fs';

import path from 'node:path';

// The targets (see "Targets" in the report). Times are ratios to a baseline measured in the same run (the floor,
// the default JVM), since milliseconds do not come back on another machine; sizes and memory are absolute, since
// Lambda bills and limits them as they are.
const TARGETS = { tunedInitShare: 0.6, initOverFloor: 1.25, executableMb: 60, rssAfterWarmMb: 64,
  rssAfterWarmCalls: 1000 };

/**
 * Lambda bills memory size x duration: the memory sizes infra/template.yaml gives the native and the JVM
 * functions, read from the template itself (Globals' `MemorySize: !If [IsNative, native, jvm]`).
 */
function lambdaMemoryMb(templateFile) {
  const sizes = /^\s*MemorySize: !If \[IsNative, (\d+), (\d+)\]/m.exec(fs.readFileSync(templateFile, 'utf8'));
  if (!sizes) throw new Error(`${templateFile} no longer sets MemorySize as !If [IsNative, native, jvm]`);
  const [native, jvm] = [Number(sizes[1]), Number(sizes[2])];
  return { native, jvm, 'jvm-tuned': jvm, 'jdk25-aot': jvm };
}
// Price of one GB-second of x86 Lambda (us-east-1, first tier), to put a cold start into money.
const USD_PER_GB_SECOND = 0.0000166667;

const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const mb = (v) => v.toFixed(1);

function table({ results }) {
  const lines = [
    '| variant | function | init (ms) | of which Quarkus (ms) | first call (ms) | init + first call (ms) | warm p50 (ms) | warm p99 (ms) | RSS after first call (MB) | RSS after warm calls (MB) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { variant, rows } of results) {
    if (variant.skipped) {
      lines.push(`| ${variant.id} | - | skipped: ${variant.skipped} | | | | | | | |`);
      continue;
    }
    for (const r of rows) {
      lines.push(`| ${variant.id} | ${r.function} | ${ms(r.initMs)} (${ms(r.initMinMs)}-${ms(r.initMaxMs)}) `
        + `| ${r.quarkusStartedMs === undefined ? '-' : ms(r.quarkusStartedMs)} | ${ms(r.firstMs)} | ${ms(r.coldTotalMs)} | ${ms(r.warmP50Ms)} | ${ms(r.warmP99Ms)} | ${mb(r.rssMb)} `
        + `| ${mb(r.rssAfterWarmMb)} |`);
    }
  }
  return lines.join('\n');
}

/** -Xmx102m: 80% of 128 MB, the heap a native executable takes in a 128 MB Lambda. */
const HEAP_128 = '-Xmx102m';

function targets({ results, warm, nativeArgs }) {
  const heap128 = nativeArgs.includes(HEAP_128);
  const variantOf = (id) => results.find((r) => r.variant.id === id && !r.variant.skipped)?.variant ?? {};
  const rowsOf = (id) => results.find((r) => r.variant.id === id && !r.variant.skipped)?.rows ?? [];
  const native = rowsOf('native');
  const jvm = rowsOf('jvm');
  const tuned = rowsOf('jvm-tuned');
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const lines = ['| target | measured | verdict |', '|---|---|---|'];
  if (native.length) {
    const floor = rowsOf('floor')[0];
    if (!floor) lines.push('| native init against the floor | not measured in this run (no floor: bench/floor/build) | - |');
    for (const r of native) {
      if (!floor) break;
      const ratio = r.initMs / floor.initMs;
      lines.push(`| native ${r.function}: init <= ${TARGETS.initOverFloor}x the floor's | ${ms(r.initMs)} / `
        + `${ms(floor.initMs)} ms = ${ratio.toFixed(2)}x | ${verdict(ratio <= TARGETS.initOverFloor)} |`);
    }
    const bytes = variantOf('native').bytes;
    lines.push(`| native executable <= ${TARGETS.executableMb} MB | ${mb(bytes / 2 ** 20)} MB | `
      + `${verdict(bytes / 2 ** 20 <= TARGETS.executableMb)} |`);
    for (const r of native) {
      const enough = warm >= TARGETS.rssAfterWarmCalls && heap128;
      lines.push(`| native ${r.function}: RSS after ${TARGETS.rssAfterWarmCalls} calls <= ${TARGETS.rssAfterWarmMb} MB `
        + `with a 128 MB Lambda's heap | ${enough ? `${mb(r.rssAfterWarmMb)} MB` : `not measured: needs --warm ${TARGETS.rssAfterWarmCalls} --native-args=-Xmx102m`} `
        + `| ${enough ? verdict(r.rssAfterWarmMb <= TARGETS.rssAfterWarmMb) : '-'} |`);
    }
  } else {
    lines.push('| native targets | not measured in this run (no native executable) | - |');
  }
  if (jvm.length && tuned.length) {
    for (const r of tuned) {
      const base = jvm.find((j) => j.function === r.function);
      const share = r.initMs / base.initMs;
      lines.push(`| JVM tuned ${r.function}: init <= ${TARGETS.tunedInitShare * 100}% of default JVM init | `
        + `${ms(r.initMs)} of ${ms(base.initMs)} ms = ${(share * 100).toFixed(0)}% | ${verdict(share <= TARGETS.tunedInitShare)} |`);
    }
  }
  return lines.join('\n');
}

function lambdaCost({ results, memoryMb }) {
  const lines = ['| variant | memory size | submit init + first call (ms) | GB-s per cold start | USD per million cold starts |',
    '|---|---:|---:|---:|---:|'];
  for (const { variant, rows } of results) {
    const submit = rows.find((r) => r.function === 'submit');
    if (!submit) continue;
    const memory = memoryMb[variant.id];
    const gbSeconds = (memory / 1024) * (submit.coldTotalMs / 1000);
    lines.push(`| ${variant.id} | ${memory} MB | ${ms(submit.coldTotalMs)} | ${gbSeconds.toFixed(4)} `
      + `| ${(gbSeconds * USD_PER_GB_SECOND * 1e6).toFixed(2)} |`);
  }
  return lines.join('\n');
}

/** The native build's own account of an executable (Quarkus keeps it next to the build's inputs), or null. */
function buildStats(executable) {
  if (!executable) return null;
  const dir = `${executable.replace(/-runner$/, '')}-native-image-source-jar`;
  const file = fs.existsSync(dir) && fs.readdirSync(dir).find((n) => n.endsWith('-build-output-stats.json'));
  return file ? JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) : null;
}

function sizes({ results }) {
  const lines = ['| variant | executable (MB) | code area (MB) | image heap (MB) | of which embedded resources (MB) | reachable types | types registered for reflection |',
    '|---|---:|---:|---:|---:|---:|---:|'];
  for (const { variant } of results) {
    if (variant.skipped || !variant.bytes) continue;
    const stats = buildStats(variant.executable);
    const d = stats?.image_details;
    const a = stats?.analysis_results?.types;
    const m = (bytes) => (bytes === undefined ? '-' : mb(bytes / 2 ** 20));
    lines.push(`| ${variant.id} | ${mb(variant.bytes / 2 ** 20)} | ${m(d?.code_area?.bytes)} | ${m(d?.image_heap?.bytes)} `
      + `| ${m(d?.image_heap?.resources?.bytes)} | ${a?.reachable ?? '-'} | ${a?.reflection ?? '-'} |`);
  }
  return lines.join('\n');
}

/** The summary bench/run prints last: per variant and function, the medians and the executable's size. */
function summarize({ results, warm, nativeArgs }) {
  const variants = {};
  for (const { variant, rows } of results) {
    if (variant.skipped) continue;
    variants[variant.id] = {
      executableBytes: variant.bytes ?? null,
      functions: Object.fromEntries(rows.map((r) => [r.function, { initMs: round(r.initMs),
        quarkusStartedMs: r.quarkusStartedMs === undefined ? null : round(r.quarkusStartedMs), firstCallMs: round(r.firstMs),
        rssMb: round(r.rssMb), rssAfterWarmMb: round(r.rssAfterWarmMb) }])),
    };
  }
  const floor = variants.floor?.functions?.echo;
  const native = variants.native?.functions;
  const initOverFloor = floor && native
    ? Object.fromEntries(Object.entries(native).map(([fn, r]) => [fn, round(r.initMs / floor.initMs)])) : null;
  return { bench: 'run', warmCalls: warm, nativeArgs: nativeArgs.join(' '), variants, initOverFloor };
}

const round = (v) => Math.round(v * 100) / 100;

export function writeReport(file, { results, machine, cold, warm, jvmFlags, command, template, nativeArgs = [] }) {
  const memoryMb = lambdaMemoryMb(template);
  const variantsList = results.map(({ variant }) => `- **${variant.id}**: ${variant.skipped ? `skipped (${variant.skipped})` : variant.label}`).join('\n');
  const jobs = results.filter((r) => r.jobs)
    .map((r) => `${r.variant.id}: ${r.jobs.submitted} submitted, ${r.jobs.done} done, ${r.jobs.recorded} recorded`).join('; ');
  const text = `# Start-up benchmark

Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)}; rerun it to regenerate this file (about
seven minutes with every variant; \`bench/run --help\` lists the options). It prints one JSON summary line last.

Each function runs as Lambda runs it: its own process behind the Lambda Runtime API emulator of the local run
(\`infra/local/lib/runtime-api.mjs\`), the environment \`infra/template.yaml\` gives it, and DynamoDB Local and the
xAI simulator on loopback (images ready at once, so every poll finds its job done). Before any variant is
measured, 100 jobs go through the JVM functions unmeasured, so that DynamoDB Local and the simulator (JVMs
themselves) are warm for every variant alike.

- **init**: process start to the runtime's first \`GET /2018-06-01/runtime/invocation/next\`, the part of a cold
  start Lambda reports as Init Duration. Median of ${cold} cold starts (min-max in brackets), each a new process.
- **of which Quarkus**: what Quarkus logs of the same starts (\`started in\`, median): its own start-up, up to
  the application started. For the native variants the rest of init is the process (loading and mapping the
  executable) and the runtime's first request; for the JVM variants Quarkus starts inside AWS's runtime client,
  partly after its first request, so this can exceed init there.
- **first call**: the first invocation of each of those processes (median): submit claims the job in DynamoDB,
  starts the generation at xAI and records it; poll looks at xAI once; finalize writes the final record.
- **warm p50 / p99**: ${warm} further invocations of the last process, one after the other.
- **RSS**: resident memory of the process (\`VmRSS\`), after the first call (median) and after the warm calls;
  Lambda's "Max Memory Used" counts the same. A native executable's grows over its first hundreds of calls
  (young generation, old objects, image-heap pages touched) until its heap limit makes it collect; run with
  \`--warm 1000 --native-args=-Xmx102m\` (the heap a 128 MB Lambda gives it) for the plateau the targets name.
- **floor**: a Funqy function that echoes its input (\`bench/floor\`), built natively with the same platform and
  toolchain: what Quarkus itself costs on this machine. It takes submit's events.
- Every submit starts a new job; poll takes submit's states, finalize takes poll's (${jobs}).

## Variants

${variantsList}

The JVM variants run the same jar through AWS's Runtime Interface Client (\`LambdaHandler\`), as Lambda's managed
Java runtime does. The tuned ones first run each function once with ${'`'}-XX:ArchiveClassesAtExit${'`'} /
${'`'}-XX:AOTCacheOutput${'`'} for a few calls (a training run) and then start from that archive or cache.
"C1 only + Serial GC" is \`${jvmFlags.join(' ')}\`, what Lambda's Java runtime uses by default.

## Results

${table({ results })}

## Targets

${targets({ results, warm, nativeArgs })}

## Size

What the native build reports of each executable (\`*-build-output-stats.json\` beside its build's inputs):

${sizes({ results })}

What the product adds to the floor: the AWS SDK's five clients (DynamoDB, S3 with \`java.xml\` for its XML,
Step Functions, EventBridge, Secrets Manager) and their model classes, the Quarkus REST client to xAI with
Vert.x and Netty under it, Apache HttpClient for webhooks, TLS, the JSON log format and the embedded-metrics
library. Each is part of what the functions do; what was cut is what nothing used: the SDK's own native-image
configuration embeds every file under \`software/amazon/awssdk/\` as a resource, its \`.class\` files too,
which \`quarkus.native.resources.excludes\` now leaves out (docs/native.md; build with
\`-Dquarkus.native.resources.excludes=none\` to see the difference).

## What it means on Lambda

- Lambda bills init as part of a cold start's duration. At the memory sizes of \`infra/template.yaml\` (native
  ${memoryMb.native} MB, JVM ${memoryMb.jvm} MB: a JVM needs the larger size for the CPU share that makes its start-up bearable), one cold
  start of submit costs:

${lambdaCost({ results, memoryMb })}

- This machine's cores are not Lambda's: at 256 MB a function gets about a sixth of a vCPU, so on Lambda the
  native init is longer than here, and a JVM's (JIT and class loading bound) far longer, which is why the
  template gives the JVM 1 GB and SnapStart. SnapStart restores a snapshot taken after init and after
  \`Priming\` has warmed Jackson, the REST client and the AWS clients; it cannot be measured here.
- Warm calls are bound by DynamoDB Local and the simulator on loopback; on AWS network round trips (tens of ms)
  dominate them, whichever variant runs.

## Machine

- CPU: ${machine.cpu}
- Memory: ${machine.memoryGb} GB; kernel: ${machine.kernel}
- Node ${machine.node}; Java: ${machine.java}; JDK 25: ${machine.jdk25}

## Commands

\`\`\`bash
# the native executable and the floor first (docs/native.md: a container engine, or GRAALVM_HOME); without them
# their rows are skipped
mvn package -Dnative -DskipTests -Dquarkus.native.container-build=true
bench/floor/build -Dquarkus.native.container-build=true
# then every variant, 5 cold starts and 200 warm calls per function
bench/run
# the memory plateau, with the heap of a 128 MB Lambda
bench/run --variants floor,native --warm 1000 --native-args=-Xmx102m
# fewer variants or calls
bench/run --variants native,jvm --cold 3 --warm 50
\`\`\`

Logs of every process: \`target/bench/logs/\`.
`;
  fs.writeFileSync(file, text);
  return summarize({ results, warm, nativeArgs });
}
