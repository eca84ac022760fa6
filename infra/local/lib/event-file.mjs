// An event file as the local run hands it to the state machine: read with lossless-json, so that a number of any
// length reaches the functions exactly as written (JavaScript's numbers would turn 10,000 digits into Infinity,
// and that into null), and a key written twice in one object is refused by name. The execution's input is an
// object, which can hold only one of the two: Step Functions would keep one, and the functions would never see the
// other, so the local run says so instead of choosing silently.
import { LosslessNumber, parse, stringify } from 'lossless-json';

export function readEvent(text) {
  try {
    return parse(text);
  } catch (e) {
    const duplicate = /^Duplicate key '(.*)' encountered at position (\d+)/.exec(e.message);
    if (duplicate) {
      throw new Error(`has the key "${duplicate[1]}" twice in one object (at character ${duplicate[2]}): a key may `
        + 'appear once (the functions refuse such an event inside an SQS or API body; an execution\'s input can hold '
        + 'only one of the two)');
    }
    throw new Error(`is not JSON: ${e.message}`);
  }
}

/**
 * A payload as JSON text, numbers written as they were read. The state machine library copies its input on the way
 * to a Task, which turns each exact number into a plain {value, isLosslessNumber} object: it is made a number again.
 */
export function writePayload(payload) {
  return stringify(payload, (key, value) => (value !== null && typeof value === 'object' && !Array.isArray(value)
    && value.isLosslessNumber === true && typeof value.value === 'string' && Object.keys(value).length === 2
    ? new LosslessNumber(value.value) : value));
}
