import type { Action, Condition, Expression, Policy, Rule, Section } from "../ast.js";
import type { Range } from "../position.js";
import type { Blanks, Gap, LinesGap, Slot } from "./layout.js";
import { AlignmentError, TokenReader } from "./token-reader.js";

/**
 * The canonical layout, token by token (docs/formatting.md): which gap stands before each token of
 * the policy. Reading the tokens in source order through `TokenReader` also collects the comments.
 */
export function layoutSlots(text: string, policy: Policy, indent: number): Slot[] {
  return new LayoutWalk(new TokenReader(text, policy.comments), indent).policy(policy);
}

const NONE: Blanks = [0, 0];
const AT_MOST_ONE: Blanks = [0, 1];
const EXACTLY_ONE: Blanks = [1, 1];

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

class LayoutWalk {
  private group = 0;
  private readonly top: LinesGap;
  private readonly header: LinesGap;
  private readonly open: LinesGap;
  private readonly between: LinesGap;
  private readonly inline: { none: Gap; space: Gap };

  constructor(
    private readonly reader: TokenReader,
    private readonly indent: number,
  ) {
    this.top = lines(0, 0, EXACTLY_ONE, EXACTLY_ONE, AT_MOST_ONE);
    this.header = lines(0, 0, NONE, NONE, NONE);
    this.open = lines(indent, indent, NONE, NONE, AT_MOST_ONE);
    this.between = lines(indent, indent, AT_MOST_ONE, AT_MOST_ONE, AT_MOST_ONE);
    this.inline = this.inlineGaps(indent);
  }

  policy(policy: Policy): Slot[] {
    const version = policy.version;
    if (!version) throw new AlignmentError("the policy has no version");
    const start: LinesGap = { ...lines(0, 0, NONE, NONE, AT_MOST_ONE), start: true };
    this.reader.token("version", start);
    this.reader.token("=", this.inline.none);
    this.reader.node(version.numberRange, this.inline.none);
    this.reader.token(";", this.inline.none);
    for (const section of policy.sections) this.section(section);
    return this.reader.end(lines(0, 0, AT_MOST_ONE, NONE, NONE));
  }

  private section(section: Section): void {
    this.reader.node(section.keywordRange, this.top);
    this.reader.token("{", this.header);
    section.rules.forEach((rule, i) => this.rule(rule, i === 0 ? this.open : this.between));
    const close = section.rules.length > 0 ? AT_MOST_ONE : NONE;
    this.reader.token("}", lines(this.indent, 0, close, NONE, NONE));
    this.reader.token(";", this.inline.none);
  }

  private rule(rule: Rule, first: LinesGap): void {
    const group = this.group++;
    const inline = this.inlineGaps(2 * this.indent);
    const read = {
      token: (text: string, gap: Gap) => this.reader.token(text, gap, group),
      node: (range: Range, gap: Gap) => this.reader.node(range, gap, group),
    };
    const walk = new RuleWalk(read, inline);
    let gap: Gap = first;
    rule.conditions.forEach((condition, i) => {
      if (i > 0) {
        read.token("&&", inline.space);
        // Conditions line up under the first one when the rule is wrapped (docs/formatting.md).
        gap = { kind: "soft", indent: this.indent };
      }
      walk.condition(condition, gap);
    });
    walk.action(rule.action, rule.conditions.length > 0 ? { kind: "soft", indent: 2 * this.indent } : first);
    read.token(";", inline.none);
  }

  private inlineGaps(indent: number): { none: Gap; space: Gap } {
    return { none: { kind: "inline", flat: "", indent }, space: { kind: "inline", flat: " ", indent } };
  }
}

interface Read {
  token(text: string, gap: Gap): void;
  node(range: Range, gap: Gap): void;
}

/** The tokens inside one rule: no spaces inside brackets, one after each comma, none around `==`. */
class RuleWalk {
  constructor(
    private readonly read: Read,
    private readonly gaps: { none: Gap; space: Gap },
  ) {}

  condition(condition: Condition, first: Gap): void {
    let gap = first;
    if (condition.negated) {
      this.read.token("!", gap);
      gap = this.gaps.none;
    }
    if (condition.identifier) {
      this.read.node(condition.identifier.range, gap);
      this.read.token(":", this.gaps.none);
      gap = this.gaps.none;
    }
    this.read.token("[", gap);
    condition.properties.forEach((property, i) => {
      if (i > 0) this.read.token(",", this.gaps.none);
      this.read.node(property.property.range, i > 0 ? this.gaps.space : this.gaps.none);
      this.read.node(property.operatorRange, this.gaps.none);
      this.expression(property.value, this.gaps.none);
    });
    this.read.token("]", this.gaps.none);
  }

  action(action: Action, first: Gap): void {
    this.read.token("=>", first);
    this.read.node(action.nameRange, this.gaps.space);
    this.read.token("(", this.gaps.none);
    action.arguments.forEach((argument, i) => {
      if (i > 0) this.read.token(",", this.gaps.none);
      this.read.node(argument.name.range, i > 0 ? this.gaps.space : this.gaps.none);
      this.read.token("=", this.gaps.none);
      this.expression(argument.value, this.gaps.none);
    });
    this.read.token(")", this.gaps.none);
  }

  /** Literals are read as written (`raw`): strings, JMESPath and numbers are never rewritten. */
  private expression(expression: Expression, gap: Gap): void {
    switch (expression.kind) {
      case "PropertyReference":
        this.read.node(expression.identifier.range, gap);
        this.read.token(".", this.gaps.none);
        this.read.node(expression.property.range, this.gaps.none);
        return;
      case "FunctionCall":
        this.read.node(expression.name.range, gap);
        this.read.token("(", this.gaps.none);
        expression.arguments.forEach((argument, i) => {
          if (i > 0) this.read.token(",", this.gaps.none);
          this.expression(argument, i > 0 ? this.gaps.space : this.gaps.none);
        });
        this.read.token(")", this.gaps.none);
        return;
      default:
        this.read.node(expression.range, gap);
    }
  }
}
