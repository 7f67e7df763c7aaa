/*
 * The Microsoft Azure Attestation policy language, versions 1.0, 1.1 and 1.2.
 *
 * Microsoft publishes no grammar; this one is reconstructed from the docs, the corpus of public
 * policies and the service's own error text, which shows an ANTLR parser whose start rule is
 * `policy` and whose first sub-rule is `versionInfo` (spec §1.2). Rule names therefore read as a
 * chain in error messages: `policy > authorizationRules > rule > condition > propertyCondition`.
 *
 * One grammar serves every version: what a version allows (configurationrules, functions, `!`) is
 * checked after parsing, so a 1.0 policy that uses a 1.2 feature gets a precise diagnostic rather
 * than a bare syntax error. Claim properties (`type`, `value`, ...), argument names and function
 * names are plain identifiers for the same reason: the checker names the unknown ones.
 */
grammar MaaPolicy;

policy
    : header=versionInfo (configuration+=configurationRules | authorization+=authorizationRules | issuance+=issuanceRules)* EOF
    ;

versionInfo
    : VERSION '=' number=VERSION_NUMBER ';'
    ;

configurationRules
    : keyword=CONFIGURATIONRULES open='{' rules+=rule* '}' ';'
    ;

authorizationRules
    : keyword=AUTHORIZATIONRULES open='{' rules+=rule* '}' ';'
    ;

issuanceRules
    : keyword=ISSUANCERULES open='{' rules+=rule* '}' ';'
    ;

// Conditions, comparison operators and literals are inlined rather than rules of their own, and
// every part the AST needs is labelled: the parser then builds no parse tree at all (every rule
// invocation and token would be a tree node) and the AST builder reads the labels.
rule
    : (conditions+=condition ('&&' conditions+=condition)*)? '=>' effect=action ';'
    ;

condition
    : negated='!'? (identifier=IDENTIFIER ':')? '[' properties+=propertyCondition (',' properties+=propertyCondition)* ']'
    ;

propertyCondition
    : property=IDENTIFIER operator=('==' | '!=' | '<' | '<=' | '>' | '>=') value=expression
    ;

action
    : name=(PERMIT | DENY) '(' ')'
    | name=(ADD | ISSUE | ISSUEPROPERTY) '(' arguments+=claimArgument (',' arguments+=claimArgument)* ')'
    ;

claimArgument
    : name=IDENTIFIER '=' value=expression
    ;

expression
    : literal=(STRING | INTEGER | TRUE | FALSE)
    | reference=IDENTIFIER '.' property=IDENTIFIER
    | function=IDENTIFIER '(' (arguments+=expression (',' arguments+=expression)*)? close=')'
    | identifier=IDENTIFIER
    ;

VERSION            : 'version';
CONFIGURATIONRULES : 'configurationrules';
AUTHORIZATIONRULES : 'authorizationrules';
ISSUANCERULES      : 'issuancerules';
PERMIT             : 'permit';
DENY               : 'deny';
ADD                : 'add';
ISSUE              : 'issue';
ISSUEPROPERTY      : 'issueproperty';
TRUE               : 'true';
FALSE              : 'false';

IMPLIES   : '=>';
AND       : '&&';
EQUAL     : '==';
NOT_EQUAL : '!=';
LESS_EQ   : '<=';
GREATER_EQ: '>=';
LESS      : '<';
GREATER   : '>';
ASSIGN    : '=';
NOT       : '!';
COLON     : ':';
COMMA     : ',';
SEMICOLON : ';';
DOT       : '.';
LPAREN    : '(';
RPAREN    : ')';
LBRACKET  : '[';
RBRACKET  : ']';
LBRACE    : '{';
RBRACE    : '}';

VERSION_NUMBER : DIGIT+ '.' DIGIT+;
INTEGER        : DIGIT+;
IDENTIFIER     : [A-Za-z_] [A-Za-z0-9_]*;

// A string ends at its line: no public policy spans lines with one, and an unterminated quote
// should cost one line of diagnostics, not the rest of the file (docs/decisions.md).
STRING : '"' ('\\' ~[\r\n] | ~["\\\r\n])* '"';

// Comments are kept on their own channel for the formatter; the docs show only `//`.
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);

WHITESPACE : [ \t\r\n\f\u000B\u00A0\uFEFF]+ -> skip;

fragment DIGIT : [0-9];
