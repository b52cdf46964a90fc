/**
 * English strings every element shares and waits for before its first render (common states, rich-text link warnings,
 * the words of an unreachable server): the reference; zh-CN.ts has exactly these keys and placeholders. Each package
 * keeps its own; the texts of the other problems and of field errors load on demand (problems/, issue 16).
 */
export const en = {
  'common.signedInAs': 'Signed in as {name}',
  'common.loading': 'Loading…',
  'common.empty': 'Nothing here yet.',
  'common.signedOut': 'You are not signed in to Herald.',
  'common.retrying': 'Herald tries again by itself and carries on as soon as this is fixed.',
  'common.retryNow': 'Try again now',
  'common.mySettings': 'My settings',
  'common.unavailable': 'Herald is unavailable',
  'common.uploadInterrupted': 'The upload was interrupted. Remove the file and attach it again.',
  'common.uploadsFailed': 'A file did not upload: remove it (or attach it again) before sending.',
  // What a problem says when the problem catalogue (problems/, on demand) cannot load: the network is down.
  'problem.generic': 'Something went wrong. Please try again.',
  'problem.unavailable': 'Herald is temporarily unavailable. Please try again shortly.',
  'problem.network': 'Herald cannot be reached. Check your connection and try again.',
  'richText.linkWarning.unlisted': 'This link leads to a site outside the approved list. Open it only if you trust it.',
  'richText.linkWarning.lookalike': "This link's address imitates another site's name. Be careful.",
  'richText.linkCaution.unlisted': 'Caution: this link leads outside the sites your organisation trusts.',
  'richText.linkCaution.lookalike': 'Caution: this link’s address imitates another site’s name.',
} as const;
