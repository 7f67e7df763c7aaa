import { TokenType as T } from "../generated/MaaPolicyTokens.js";
import { isComment, SCAN_EOF, type Scan } from "../fast-lexer.js";
import { NO_GROUP, type Blanks, type Gap, type InlineGap, type Layout, type LinesGap } from "./layout.js";

/**
 * The canonical layout, token by token (docs/formatting.md): which gap stands before each token of
 * the policy, read from the scan of a policy the parser has accepted. The grammar places every
 * token, so the token types alone say where a token stands (the version line, a section's braces,
 * a rule and where in it); walking the AST instead made a view and a range for every token, most
 * of what formatting a large policy cost.
 */
export function layoutTokens(scanned: Scan, indent: number): Layout {
  const { count, types, starts, ends, text } = scanned;
  const gapOf = new Uint8Array(count);
  const groupOf = new Int32Array(count).fill(NO_GROUP);
  const breaksBefore = new Uint32Array(count);
  // Where the walk is: in a section (between its braces), and at what in a rule.
  let inSection = false;
  let rules = 0;
  let ruleStart = true;
  let group = 0;
  let previous: number = SCAN_EOF;
  for (let k = 0; k < count; k++) {
    breaksBefore[k] = lineBreaks(text, k === 0 ? 0 : ends[k - 1], starts[k]);
    const type = types[k];
    if (isComment(type)) continue;
    let gap: number;
    if (type === SCAN_EOF) gap = G.End;
    else if (!inSection) {
      if (type === T.VERSION) gap = G.Start;
      else if (type === T.LBRACE) {
        gap = G.Header;
        inSection = true;
        rules = 0;
      } else if (type === T.SEMICOLON || previous === T.VERSION || previous === T.ASSIGN) gap = G.Outside;
      else gap = G.Top;
    } else if (ruleStart && type === T.RBRACE) {
      gap = rules > 0 ? G.CloseAfterRules : G.CloseEmpty;
      inSection = false;
    } else {
      groupOf[k] = group;
      if (ruleStart) {
        gap = rules === 0 ? G.Open : G.Between;
        ruleStart = false;
      } else if (type === T.IMPLIES) gap = G.Arrow;
      else if (type === T.AND || previous === T.COMMA || previous === T.IMPLIES) gap = G.OneSpace;
      else if (previous === T.AND) gap = G.NextCondition;
      else gap = G.NoSpace;
      if (type === T.SEMICOLON) {
        ruleStart = true;
        rules++;
        group++;
      }
    }
    gapOf[k] = gap;
    // The comments before a token are laid out in its gap.
    for (let j = k - 1; j >= 0 && isComment(types[j]); j--) gapOf[j] = gap;
    previous = type;
  }
  return { scanned, gapOf, gaps: gapTable(indent), groupOf, groups: group, breaksBefore };
}

/** The gaps of the layout, by their index in `gapTable`. */
const G = {
  Start: 0,
  Top: 1,
  Header: 2,
  Open: 3,
  Between: 4,
  CloseEmpty: 5,
  CloseAfterRules: 6,
  End: 7,
  /** Between the tokens of the version line, and after a section's `}`. */
  Outside: 8,
  /** Inside a rule: no spaces inside brackets, one after each comma and around `&&` and `=>`. */
  NoSpace: 9,
  OneSpace: 10,
  /** Conditions line up under the first one when the rule is wrapped (docs/formatting.md). */
  NextCondition: 11,
  Arrow: 12,
} as const;

const NONE: Blanks = [0, 0];
const AT_MOST_ONE: Blanks = [0, 1];
const EXACTLY_ONE: Blanks = [1, 1];

function gapTable(indent: number): Gap[] {
  const table: Gap[] = [];
  table[G.Start] = { ...lines(0, 0, NONE, NONE, AT_MOST_ONE), start: true };
  table[G.Top] = lines(0, 0, EXACTLY_ONE, EXACTLY_ONE, AT_MOST_ONE);
  table[G.Header] = lines(0, 0, NONE, NONE, NONE);
  table[G.Open] = lines(indent, indent, NONE, NONE, AT_MOST_ONE);
  table[G.Between] = lines(indent, indent, AT_MOST_ONE, AT_MOST_ONE, AT_MOST_ONE);
  table[G.CloseEmpty] = lines(indent, 0, NONE, NONE, NONE);
  table[G.CloseAfterRules] = lines(indent, 0, AT_MOST_ONE, NONE, NONE);
  table[G.End] = lines(0, 0, AT_MOST_ONE, NONE, NONE);
  table[G.Outside] = inline("", indent);
  table[G.NoSpace] = inline("", 2 * indent);
  table[G.OneSpace] = inline(" ", 2 * indent);
  table[G.NextCondition] = { kind: "soft", indent };
  table[G.Arrow] = { kind: "soft", indent: 2 * indent };
  return table;
}

function lines(indent: number, token: number, first: Blanks, bare: Blanks, after: Blanks): LinesGap {
  return {
    kind: "lines",
    commentIndent: indent,
    tokenIndent: token,
    firstComment: first,
    token: bare,
    tokenAfterComment: after,
  };
}

const inline = (flat: "" | " ", indent: number): InlineGap => ({ kind: "inline", flat, indent });

/** Line breaks in `text` from `start` to `end`: `\r\n`, `\n` and a lone `\r` each count once, as in `LineIndex`. */
function lineBreaks(text: string, start: number, end: number): number {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
    }
  }
  return breaks;
}
