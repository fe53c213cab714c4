package contract

import (
	"regexp"
	"strings"

	"verloner/domain"
)

// Template is an agency's contract text in one language, parsed.
//
// The syntax is small on purpose, so that backoffice staff can edit it in
// Instellingen without learning a programming language, and so that a typo is
// caught when the template is saved rather than when a contract is printed:
//
//	{{werknemer_naam}}                 the value of a field (see Fields)
//	{{als uitzendbeding}} … {{einde}}  the text only when the condition holds
//	{{als niet et}} … {{einde}}        the text only when it does not
//	{{als einddatum}} … {{anders}} … {{einde}}
//
// A condition is a yes/no field or any text field (true when it is not empty).
// A block tag alone on its line takes the whole line with it, so conditional
// paragraphs leave no empty lines. Layout: a line starting with "## " is an
// article heading; an empty line separates paragraphs; a line starting with
// "- " is a bullet. Everything else is plain text.
type Template struct {
	Language domain.Language
	Body     string
	nodes    []node
}

type nodeKind int

const (
	textNode nodeKind = iota
	fieldNode
	condNode
)

type node struct {
	kind      nodeKind
	text      string // textNode: the text; fieldNode/condNode: the key
	neg       bool
	then, els []node
}

var tagRE = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// Parse reads a template and checks every tag against Fields. The error is a
// Dutch *domain.Error naming the language and the line.
func Parse(lang domain.Language, body string) (*Template, error) {
	p := &parser{lang: lang, body: body}
	nodes, end, err := p.parse(false)
	if err != nil {
		return nil, err
	}
	if end != "" {
		return nil, p.errorf(p.pos, "{{%s}} zonder bijbehorende {{als …}}", end)
	}
	if len(tagRE.FindAllStringIndex(body, -1)) < strings.Count(body, "{{") {
		return nil, p.errorf(p.firstUnclosed(), "{{ zonder }}")
	}
	return &Template{Language: lang, Body: body, nodes: nodes}, nil
}

type parser struct {
	lang domain.Language
	body string
	pos  int
}

func (p *parser) errorf(pos int, format string, args ...any) error {
	line := strings.Count(p.body[:min(pos, len(p.body))], "\n") + 1
	args = append([]any{p.lang, line}, args...)
	return domain.Errorf(domain.EINVALID, "Contractsjabloon (%s), regel %d: "+format+".", args...)
}

// firstUnclosed finds the position of a "{{" that no "}}" closes.
func (p *parser) firstUnclosed() int {
	closed := map[int]bool{}
	for _, m := range tagRE.FindAllStringIndex(p.body, -1) {
		closed[m[0]] = true
	}
	for i := 0; i+1 < len(p.body); i++ {
		if p.body[i] == '{' && p.body[i+1] == '{' && !closed[i] {
			return i
		}
	}
	return 0
}

// parse reads nodes from p.pos until the end or, inside a block, until
// {{anders}} or {{einde}}, which it returns.
func (p *parser) parse(inBlock bool) ([]node, string, error) {
	var out []node
	for {
		loc := tagRE.FindStringSubmatchIndex(p.body[p.pos:])
		if loc == nil {
			if p.pos < len(p.body) {
				out = append(out, node{kind: textNode, text: p.body[p.pos:]})
			}
			p.pos = len(p.body)
			return out, "", nil
		}
		start, end := p.pos+loc[0], p.pos+loc[1]
		tag := strings.Fields(p.body[p.pos+loc[2] : p.pos+loc[3]])
		tagPos := start
		if len(tag) == 0 {
			return nil, "", p.errorf(tagPos, "lege {{ }}")
		}
		block := tag[0] == "als" || tag[0] == "anders" || tag[0] == "einde"
		if block {
			start, end = p.ownLine(start, end)
		}
		if start > p.pos {
			out = append(out, node{kind: textNode, text: p.body[p.pos:start]})
		}
		p.pos = end
		switch tag[0] {
		case "anders", "einde":
			if len(tag) != 1 {
				return nil, "", p.errorf(tagPos, "{{%s}} hoort alleen te staan", tag[0])
			}
			if !inBlock {
				return nil, "", p.errorf(tagPos, "{{%s}} zonder bijbehorende {{als …}}", tag[0])
			}
			return out, tag[0], nil
		case "als":
			n := node{kind: condNode}
			rest := tag[1:]
			if len(rest) > 0 && rest[0] == "niet" {
				n.neg, rest = true, rest[1:]
			}
			if len(rest) != 1 {
				return nil, "", p.errorf(tagPos, "schrijf {{als veld}} of {{als niet veld}}")
			}
			if _, ok := fieldIndex[rest[0]]; !ok {
				return nil, "", p.errorf(tagPos, "onbekend veld %q in {{als …}}", rest[0])
			}
			n.text = rest[0]
			then, stop, err := p.parse(true)
			if err != nil {
				return nil, "", err
			}
			n.then = then
			if stop == "anders" {
				els, stop2, err := p.parse(true)
				if err != nil {
					return nil, "", err
				}
				if stop2 != "einde" {
					return nil, "", p.errorf(tagPos, "{{als %s}} zonder {{einde}}", n.text)
				}
				n.els = els
			} else if stop != "einde" {
				return nil, "", p.errorf(tagPos, "{{als %s}} zonder {{einde}}", n.text)
			}
			out = append(out, n)
		default:
			if len(tag) != 1 {
				return nil, "", p.errorf(tagPos, "onbekende opdracht {{%s}}", strings.Join(tag, " "))
			}
			f, ok := fieldIndex[tag[0]]
			if !ok {
				return nil, "", p.errorf(tagPos, "onbekend veld {{%s}} (zie de lijst met velden)", tag[0])
			}
			if Fields[f].Flag {
				return nil, "", p.errorf(tagPos, "{{%s}} is een ja/nee-veld; gebruik {{als %s}} … {{einde}}", tag[0], tag[0])
			}
			out = append(out, node{kind: fieldNode, text: tag[0]})
		}
	}
}

// ownLine widens a block tag's span to its whole line when nothing else is on it.
func (p *parser) ownLine(start, end int) (int, int) {
	ls := strings.LastIndexByte(p.body[:start], '\n') + 1
	if strings.TrimSpace(p.body[ls:start]) != "" {
		return start, end
	}
	le := strings.IndexByte(p.body[end:], '\n')
	if le < 0 {
		le = len(p.body) - end
	} else {
		le++ // take the newline
	}
	if strings.TrimSpace(p.body[end:end+le]) != "" {
		return start, end
	}
	return ls, end + le
}

// Values are the field values of one contract in its language; a yes/no
// field holds "ja" when true and "" when false.
type Values map[string]string

// Render fills the template. Unknown keys cannot occur (Parse refused them).
// The result has no trailing spaces and at most one empty line in a row.
func (t *Template) Render(v Values) string {
	var b strings.Builder
	render(&b, t.nodes, v)
	return tidy(b.String())
}

func render(b *strings.Builder, nodes []node, v Values) {
	for _, n := range nodes {
		switch n.kind {
		case textNode:
			b.WriteString(n.text)
		case fieldNode:
			b.WriteString(v[n.text])
		case condNode:
			if (v[n.text] != "") != n.neg {
				render(b, n.then, v)
			} else {
				render(b, n.els, v)
			}
		}
	}
}

func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	blank := true // drop leading empty lines
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}
