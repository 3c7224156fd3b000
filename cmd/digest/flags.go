package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flags wraps a flag.FlagSet that accepts flags before, between and after
// positional arguments, with short and long names for the same flag.
type flags struct {
	*flag.FlagSet
	usageLine  string
	positional []string
}

func newFlags(name, usageLine string, out io.Writer) *flags {
	f := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), usageLine: usageLine}
	f.SetOutput(out)
	f.Usage = func() {
		fmt.Fprintf(out, "Usage: digest %s %s\n\nFlags:\n", name, usageLine)
		f.PrintDefaults()
	}
	return f
}

// stringVar defines a flag with a long and an optional short name.
func (f *flags) stringVar(p *string, long, short, def, help string) {
	f.StringVar(p, long, def, help)
	if short != "" {
		f.StringVar(p, short, def, "shorthand for --"+long)
	}
}

// parse parses args; it returns done with an exit code when the command
// should stop (help asked for, or bad usage). maxArgs bounds positional
// arguments (-1: any).
func parse(f *flags, args []string, maxArgs int) (code int, done bool) {
	rest := args
	for {
		if err := f.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK, true
			}
			return exitUsage, true
		}
		rest = f.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			f.positional = append(f.positional, rest[1:]...)
			break
		}
		f.positional = append(f.positional, rest[0])
		rest = rest[1:]
	}
	if maxArgs >= 0 && len(f.positional) > maxArgs {
		fmt.Fprintf(f.Output(), "digest %s: unexpected argument %q\n", f.Name(), f.positional[maxArgs])
		f.Usage()
		return exitUsage, true
	}
	return 0, false
}

// listFlag collects a repeated flag's values.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
