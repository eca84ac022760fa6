// One line per state transition, from the execution's event log.
function describe(state) {
  const input = state.input && typeof state.input === 'object' ? state.input : {};
  switch (state.name) {
    case 'Wait': return `${input.nextPollSeconds} s before the next look (poll ${input.polls ?? 0})`;
    case 'Outcome': return `${input.status}${input.progress != null ? ` ${input.progress}%` : ''}`;
    case 'Finalize': return `recording a job that ended ${input.status}`;
    case 'RecordFailure': return `recording ${input.failure?.Error ?? 'a failure'}`;
    case 'Recorded': return `${input.status}${input.error ? ` (${input.error.code})` : ''}`;
    case 'Poll': return input.jobId ?? '';
    default: return '';
  }
}

export function progressLine(event, startedAt) {
  const at = `[${((event.timestamp - startedAt) / 1000).toFixed(2).padStart(7)}s]`;
  switch (event.type) {
    case 'ExecutionStarted': return `${at} execution started`;
    case 'StateEntered': return `${at} ${event.state.name.padEnd(16)} ${describe(event.state)}`.trimEnd();
    case 'StateRetried': return `${at} ${event.state.name.padEnd(16)} retry ${event.retry.attempt} after `
      + `${event.retry.retrier.ErrorEquals.join('|')}`;
    case 'StateCaught': return `${at} ${event.state.name.padEnd(16)} caught: ${event.catch.catcher.Next} next`;
    case 'StateFailed': return `${at} ${event.state.name.padEnd(16)} failed: ${event.Error}`;
    case 'ExecutionSucceeded': return `${at} execution succeeded`;
    case 'ExecutionFailed': return `${at} execution failed: ${event.Error}`;
    default: return null;
  }
}
