// The ways to run the one function artifact that the benchmark compares. Each variant gives the command for a
// function; the tuned ones also give a training command, whose run (a few invocations, then exit) writes the
// class archive or AOT cache the measured runs start from.
import fs from 'node:fs';
import path from 'node:path';
import { jvmCommand, LAMBDA_JVM_FLAGS, nativeExecutable } from '../infra/local/lib/artifact.mjs';

/** An option the benchmark cannot take. */
export class UsageError extends Error {}

export const JDK25 = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java';

/** The variants asked for, in order; one that cannot run here says why in `skipped`. */
export function variants({ root, work, wanted, native, nativeArgs = [], log }) {
  const all = {
    native() {
      const executable = native ?? nativeExecutable(root);
      if (!executable || !fs.existsSync(executable)) {
        return { skipped: 'no native executable in target/: build it as the README\'s "Native executable" says, '
          + 'or pass --native PATH' };
      }
      log(`native: ${path.relative(root, executable)} (${(fs.statSync(executable).size / 2 ** 20).toFixed(0)} MB)`);
      return {
        label: `native (GraalVM native image, \`provided.al2023\`)${nativeArgs.length ? `, run with ${nativeArgs.join(' ')}` : ''}`,
        command: () => ({ command: executable, args: nativeArgs }),
      };
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
      if (!fs.existsSync(JDK25)) return { skipped: `no JDK 25 at ${JDK25}` };
      const cache = (fn) => path.join(work, `aot-${fn.name}.aot`);
      return {
        label: 'JDK 25, C1 only + Serial GC + AOT cache (JEP 483/514)',
        command: (fn) => jvmCommand(root, { java: JDK25, flags: [...LAMBDA_JVM_FLAGS, `-XX:AOTCache=${cache(fn)}`] }),
        training: (fn) => ({
          artifact: cache(fn),
          command: jvmCommand(root, { java: JDK25, flags: [...LAMBDA_JVM_FLAGS, `-XX:AOTCacheOutput=${cache(fn)}`] }),
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
