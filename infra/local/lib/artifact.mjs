// The function artifact and what the local run needs next to it, built with Maven when missing or older than
// the sources. Native when a native executable has been built (mvn package -Dnative), else the JVM jar run by
// AWS's own Runtime Interface Client, as Lambda's managed Java runtime runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export class PrerequisiteError extends Error {}

const HANDLER = 'io.imagineflow.functions.LambdaHandler::handleRequest';
const RIC_MAIN = 'com.amazonaws.services.lambda.runtime.api.client.AWSLambda';

export function projectRoot() {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/** Java 17 or newer on the PATH, or a PrerequisiteError that says what to install. */
export function requireJava() {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new PrerequisiteError('Java was not found on the PATH: install a JDK 17 or newer '
      + '(Debian: apt-get install openjdk-17-jdk-headless) and run again');
  }
  const version = /version "(\d+)/.exec(probe.stderr + probe.stdout);
  if (!version || Number(version[1]) < 17) {
    throw new PrerequisiteError(`Java 17 or newer is needed, the PATH has ${version ? version[1] : 'an unknown version'}`);
  }
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

function find(dir, test) {
  if (!fs.existsSync(dir)) return null;
  const name = fs.readdirSync(dir).find(test);
  return name ? path.join(dir, name) : null;
}

/** Runs `mvn package` when the jar, the RIC or the local classpath is missing or older than the sources. */
/**
 * Java, and the artifact built (building it when missing or stale), for a command's start: false, with the
 * missing thing said on stderr, when the command cannot run (exit status 2).
 */
export function prerequisitesMet(root, log = () => {}) {
  try {
    requireJava();
    ensureBuilt(root, log);
    return true;
  } catch (e) {
    if (!(e instanceof PrerequisiteError)) throw e;
    console.error(e.message);
    return false;
  }
}

export function ensureBuilt(root, log = () => {}) {
  const target = path.join(root, 'target');
  const jar = find(target, (n) => n.endsWith('-runner.jar'));
  // What mvn package writes for the local run besides the jar; missing means an older build of the project.
  const extras = ['test-classpath.txt', 'jni', 'ric'].map((name) => path.join(target, 'local', name))
    .concat(path.join(target, 's3proxy', 's3proxy.jar'));
  const sources = newestMtime([path.join(root, 'pom.xml'), path.join(root, 'src')]);
  if (jar && mtime(jar) >= sources && extras.every((p) => fs.existsSync(p))) return;
  const probe = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new PrerequisiteError('Maven (mvn) was not found on the PATH: install Maven 3.8 or newer '
      + '(Debian: apt-get install maven) and run again');
  }
  log('building the function jar and the local stand-ins: mvn package -DskipTests (a minute or two the first time)');
  const build = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`mvn package failed:\n${build.stdout}${build.stderr}`);
  }
}

/** The native executable Quarkus built into target/ (mvn package -Dnative), or null. */
export function nativeExecutable(root) {
  const target = path.join(root, 'target');
  return find(target, (n) => n.endsWith('-runner') && fs.statSync(path.join(target, n)).isFile());
}

// The flags Lambda's managed Java runtime starts the JVM with: C1 only, and the serial collector.
export const LAMBDA_JVM_FLAGS = ['-XX:+TieredCompilation', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * The JVM jar behind AWS's Runtime Interface Client, as Lambda's managed Java runtime runs it, with `java` (a
 * path to another JDK's launcher, for instance) and the JVM `flags` given.
 */
export function jvmCommand(root, { java = 'java', flags = LAMBDA_JVM_FLAGS } = {}) {
  const target = path.join(root, 'target');
  const jar = find(target, (n) => n.endsWith('-runner.jar'));
  const ricDir = path.join(target, 'local', 'ric');
  const ric = fs.existsSync(ricDir) ? fs.readdirSync(ricDir).sort().map((n) => path.join(ricDir, n)) : [];
  // Left to itself, every RIC unpacks its JNI library to the same /tmp file: runtimes starting together crash.
  const jni = path.join(target, 'local', 'jni', `libaws-lambda-jni.linux-${process.arch === 'arm64' ? 'aarch_64' : 'x86_64'}.so`);
  return {
    kind: 'jvm',
    command: java,
    args: [...flags, `-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=${jni}`,
      '-cp', [jar, ...ric].join(path.delimiter), RIC_MAIN, HANDLER],
  };
}

/**
 * How to start one function: the native executable if one was built and asked for (or preferred by 'auto'),
 * else the JVM jar behind the Runtime Interface Client.
 */
export function functionCommand(root, runtime = 'auto') {
  const native = nativeExecutable(root);
  if (runtime === 'native' && !native) {
    throw new PrerequisiteError('no native executable in target/: build one with mvn package -Dnative '
      + '(see docs/native.md), or run with --runtime jvm');
  }
  if (native && runtime !== 'jvm') {
    return { kind: 'native', command: native, args: [] };
  }
  return jvmCommand(root);
}

/**
 * The classpath of the local stand-ins (DynamoDB Local, the S3 server's loader, the xAI simulator): the test tree's,
 * as Maven runs the tests, so the product's own classes too.
 */
export function backendsClasspath(root) {
  const target = path.join(root, 'target');
  const deps = fs.readFileSync(path.join(target, 'local', 'test-classpath.txt'), 'utf8').trim();
  return [path.join(target, 'test-classes'), path.join(target, 'classes'), deps].join(path.delimiter);
}
