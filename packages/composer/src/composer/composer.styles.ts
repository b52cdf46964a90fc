import { controls, shellStyles, tokens } from '@herald/core';

export const styles = [tokens, controls, shellStyles];
