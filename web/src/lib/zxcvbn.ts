import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { STRENGTH_LABELS, type Strength } from './strength.ts';

// zxcvbn-ts with its common and English word lists (about 800 kB minified). Only the strength
// worker (workers/strength.worker.ts) imports this module, so it never reaches the main bundle.
//
// Two estimators, and the lower estimate wins. The first has every word list and no Levenshtein
// matching. The second has only the common-passwords list, with Levenshtein matching, which
// catches near misses of listed passwords ("zaq1@WSXcde3" is two edits from a listed keyboard
// walk). zxcvbn-ts's Levenshtein pass scans a whole list for every password; on all 236,000
// words it took 1-2.5 s per password on this project's busy 2-core machine, on the 49,000
// common passwords alone a tenth of that, and the names and Wikipedia words it skips are not
// where near misses matter.
export interface Zxcvbn {
  words: ZxcvbnFactory;
  nearMisses: ZxcvbnFactory;
}

export function createZxcvbn(): Zxcvbn {
  return {
    words: new ZxcvbnFactory({
      translations,
      graphs: adjacencyGraphs,
      dictionary: { ...commonDictionary, ...englishDictionary },
    }),
    nearMisses: new ZxcvbnFactory({
      translations,
      graphs: adjacencyGraphs,
      dictionary: { 'passwords-common': commonDictionary['passwords-common'] },
      useLevenshteinDistance: true,
    }),
  };
}

export function rate(zxcvbn: Zxcvbn, password: string): Strength {
  if (password.length === 0)
    return { level: 0, guessesLog10: 0, label: STRENGTH_LABELS[0], hint: 'Choose a long passphrase only you know.' };
  const byWords = zxcvbn.words.check(password);
  const byNearMiss = zxcvbn.nearMisses.check(password);
  const result = byNearMiss.guesses < byWords.guesses ? byNearMiss : byWords;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => !!text);
  const hint = advice.length > 0 ? advice.join(' ') : result.score === 4 ? 'Excellent.' : 'Add another unrelated word.';
  return { level: result.score, guessesLog10: result.guessesLog10, label: STRENGTH_LABELS[result.score], hint };
}
