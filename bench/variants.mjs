// The ways to run the one function artifact that the benchmark compares. Each variant gives the command for a
// function; the tuned ones also give a training command, whose run (a few invocations, then exit) writes the
// class archive or AOT cache the measured runs start from.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { jvmCommand, LAMBDA_JVM_FLAGS, nativeExecutable } from '../infra/local/lib/artifact.mjs';
import { UsageError } from '../infra/local/lib/cli.mjs';

/**
 * The `java` of a JDK 25 or newer, for the AOT variant: JAVA25_HOME's, else the PATH's when it is one; null when
 * neither is (the variant is then skipped with a line saying so).
 */
export function findJdk25() {
  const candidates = [process.env.JAVA25_HOME && path.join(process.env.JAVA25_HOME, 'bin', 'java'), 'java'];
  for (const java of candidates.filter(Boolean)) {
    const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
    const major = /version "(\d+)/.exec(probe.stderr ?? '')?.[1];
    if (!probe.error && Number(major) >= 25) return java;
  }
  return null;
}

/** The floor's native executable: bench/floor/target/*-runner, once bench/floor/build has built it. */
function floorExecutable(root) {
  const target = path.join(root, 'bench', 'floor', 'target');
  if (!fs.existsSync(target)) return null;
  const name = fs.readdirSync(target).find((n) => n.endsWith('-runner') && fs.statSync(path.join(target, n)).isFile());
  return name ? path.join(target, name) : null;
}

/** The variants asked for, in order; one that cannot run here says why in `skipped`. */
export function variants({ root, work, wanted, native, floor, nativeArgs = [], log }) {
  const withArgs = nativeArgs.length ? `, run with ${nativeArgs.join(' ')}` : '';
  const executableVariant = (id, executable, label) => {
    log(`${id}: ${path.relative(root, executable)} (${(fs.statSync(executable).size / 2 ** 20).toFixed(0)} MB)`);
    return { label, executable, bytes: fs.statSync(executable).size,
      command: () => ({ command: executable, args: nativeArgs }) };
  };
  const all = {
    floor() {
      const executable = floor ?? floorExecutable(root);
      if (!executable || !fs.existsSync(executable)) {
        return { skipped: 'no floor executable: build it with bench/floor/build (the options of the native build, '
          + 'docs/native.md), or pass --floor PATH' };
      }
      // One function that echoes its input: Quarkus and Funqy alone, the least a function built this way costs.
      return { ...executableVariant('floor', executable,
        `floor: a Funqy function echoing its input (bench/floor), native, the same toolchain${withArgs}`), floor: true };
    },
    native() {
      const executable = native ?? nativeExecutable(root);
      if (!executable || !fs.existsSync(executable)) {
        return { skipped: 'no native executable in target/: build it as docs/native.md says, '
          + 'or pass --native PATH' };
      }
      return executableVariant('native', executable,
        `native (GraalVM native image, \`provided.al2023\`)${withArgs}`);
    },
    jvm() {
      return {
        label: 'JVM 17, default flags',
        command: () => jvmCommand(root, { flags: [] }),
      };
    },
    'jvm-tuned'() {
      const archive = (fn) => path.join(work, `cds-${fn.name}.jsa`);
      return {
        label: 'JVM 17, C1 only + Serial GC + AppCDS',
        command: (fn) => jvmCommand(root, {
          flags: [...LAMBDA_JVM_FLAGS, `-XX:SharedArchiveFile=${archive(fn)}`, '-Xshare:auto'],
        }),
        training: (fn) => ({
          artifact: archive(fn),
          command: jvmCommand(root, { flags: [...LAMBDA_JVM_FLAGS, `-XX:ArchiveClassesAtExit=${archive(fn)}`] }),
        }),
      };
    },
    'jdk25-aot'() {
      const jdk25 = findJdk25();
      if (!jdk25) return { skipped: 'no JDK 25: set JAVA25_HOME to one, or put one first on the PATH' };
      const cache = (fn) => path.join(work, `aot-${fn.name}.aot`);
      return {
        label: 'JDK 25, C1 only + Serial GC + AOT cache (JEP 483/514)',
        command: (fn) => jvmCommand(root, { java: jdk25, flags: [...LAMBDA_JVM_FLAGS, `-XX:AOTCache=${cache(fn)}`] }),
        training: (fn) => ({
          artifact: cache(fn),
          command: jvmCommand(root, { java: jdk25, flags: [...LAMBDA_JVM_FLAGS, `-XX:AOTCacheOutput=${cache(fn)}`] }),
        }),
      };
    },
  };
  return wanted.map((id) => {
    const make = all[id];
    if (!make) throw new UsageError(`unknown variant ${id}: pick from ${Object.keys(all).join(', ')}`);
    return { id, ...make() };
  });
}
