// Command digest builds curated news digests: it turns a folder of
// Markdown news items into a static site with a home page of the latest
// news, a page per article, topic timelines, people and place pages, feeds
// and a sitemap.
//
// Usage:
//
//	digest build [-s DIR] [-d DIR] [--base-url URL] [--drafts] [--future] [--watch]
//	digest serve [-s DIR] [--addr 127.0.0.1:1313] [--drafts] [--future] [--no-reload] [--open]
//	digest check [-s DIR] [--drafts] [--format text|json] [--strict]
//	digest ids [-s DIR] [--write]
//	digest new "Headline" [--topic SLUG]... [--source NAME]
//	digest import [-s DIR] [--date YYYY-MM-DD] [--topic SLUG]... [--source NAME] [--url URL] [--dry-run] FILE... | -
//	digest init DIR
//	digest version
//
// Exit codes: 0 success, 1 content or template errors, 2 bad usage.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	_ "time/tzdata" // time zones work the same on every machine

	"digest"
	"digest/internal/profile"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // content or template errors, or a failed write
	exitUsage = 2 // bad usage
)

func main() {
	os.Exit(profile.Run(func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) }))
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands are the subcommands; import reads stdin.
func commands(stdin io.Reader) []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"serve", "preview the site, rebuilding and reloading on every change", runServe},
		{"check", "report problems in the content without writing anything", runCheck},
		{"ids", "list items without an id; --write gives them the ids feeds use now", runIDs},
		{"new", "start a new article", runNew},
		{"import", "turn an article copied from a news site into a draft", func(args []string, stdout, stderr io.Writer) int {
			return runImport(args, stdin, stdout, stderr)
		}},
		{"init", "create a new site", runInit},
		{"version", "print the version", runVersion},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			for _, c := range commands(stdin) {
				if c.name == args[1] {
					return c.run([]string{"-h"}, stdout, stdout)
				}
			}
			fmt.Fprintf(stderr, "digest help: unknown command %q\n", args[1])
			return exitUsage
		}
		usage(stdout)
		return exitOK
	case "-v", "--version":
		name = "version"
	}
	for _, c := range commands(stdin) {
		if c.name == name {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "digest: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "digest builds curated news digests: Markdown news items in, a static site out.")
	fmt.Fprintln(w, "\nUsage:\n  digest <command> [flags]\n\nCommands:")
	for _, c := range commands(nil) {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help     show help for a command: digest help build")
	fmt.Fprintln(w, "\nRun 'digest <command> -h' for a command's flags.")
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "", stderr)
	if code, done := parse(fs, args, 0); done {
		return code
	}
	fmt.Fprintf(stdout, "digest %s (%s %s/%s)\n", digest.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}
