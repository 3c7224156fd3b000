package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ChromeFlags are the flags Chromium runs with, headless as root with
// nothing fetched from the network; Lighthouse gets them too. Each start
// adds a fresh --user-data-dir.
var ChromeFlags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"}

// AxeTags are the axe-core rule tags run: WCAG 2.0, 2.1 and 2.2 A and
// AA, and axe's best practices.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// Check is one way a page is looked at: a colour scheme and a width.
type Check struct {
	Scheme string // "light" or "dark": the emulated prefers-color-scheme
	Width  int64  // the viewport's width in CSS pixels; 375 is a phone
}

// Checks are the ways every page is audited.
var Checks = []Check{{"light", 375}, {"dark", 375}, {"light", 1280}, {"dark", 1280}}

func (c Check) String() string { return fmt.Sprintf("%s %dpx", c.Scheme, c.Width) }

// Violation is one element failing one axe rule.
type Violation struct {
	Rule    string `json:"rule"`   // the rule's id: "color-contrast"
	Impact  string `json:"impact"` // minor, moderate, serious or critical
	Help    string `json:"help"`
	Target  string `json:"target"` // a CSS selector of the element
	HTML    string `json:"html"`   // the element's start tag, as axe cuts it
	Summary string `json:"summary"`
}

// AxeResult is what axe found on one page in one Check.
type AxeResult struct {
	Check
	Violations []Violation `json:"violations"`
	// Incomplete are the elements axe could not decide on (a colour
	// over an image, say) and leaves to a person: not failures.
	Incomplete []Violation `json:"incomplete"`
}

// Browser is one headless Chromium with axe-core's source at hand.
type Browser struct {
	ctx     context.Context
	cancel  func()
	profile string
	axe     string
}

// StartBrowser starts Chromium, with a fresh profile, and reads axe.
func StartBrowser(chromium, axeFile string) (*Browser, error) {
	src, err := os.ReadFile(axeFile)
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.WindowSize(1280, 800)}
	// Tabs side by side: none is a background tab with slowed timers.
	flags := append(ChromeFlags[:len(ChromeFlags):len(ChromeFlags)], "--disable-background-timer-throttling",
		"--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows")
	for _, f := range flags {
		opts = append(opts, chromedp.Flag(strings.TrimPrefix(f, "--"), true))
	}
	// On two busy cores (go test runs packages side by side) Chromium
	// sometimes misses the allocator's start deadline: try again.
	for attempt := 1; attempt <= 3; attempt++ {
		profile, perr := os.MkdirTemp("", "digest-audit-chromium-")
		if perr != nil {
			return nil, perr
		}
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), append(opts, chromedp.Flag("user-data-dir", profile))...)
		ctx, cancelC := chromedp.NewContext(actx)
		if err = chromedp.Do(ctx); err == nil {
			return &Browser{ctx: ctx, cancel: func() { cancelC(); cancelA() }, profile: profile, axe: string(src)}, nil
		}
		cancelC()
		cancelA()
		_ = os.RemoveAll(profile)
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, fmt.Errorf("starting chromium: %w", err)
}

// Close stops Chromium and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	_ = os.RemoveAll(b.profile)
}

// Axe audits each URL in every Check, in tabs tabs side by side, and
// returns the results in the order of urls, each in the order of Checks.
func (b *Browser) Axe(urls []string, tabs int) ([][]AxeResult, error) {
	results := make([][]AxeResult, len(urls))
	errs := make([]error, len(urls))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(tabs, len(urls))) {
		wg.Go(func() {
			tab, cancel := chromedp.NewContext(b.ctx)
			defer cancel()
			// Open the tab with no deadline: the context of a tab's first
			// run is its lifetime.
			err := chromedp.Do(tab)
			for i := range next {
				if errs[i] = err; err == nil {
					results[i], errs[i] = b.axePage(tab, urls[i])
				}
			}
		})
	}
	for i := range urls {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return results, fmt.Errorf("axe on %s: %w", urls[i], err)
		}
	}
	return results, nil
}

// axePage loads the page once, evaluates axe-core in it and runs axe in
// each Check: it sets the scheme and width in place (the page lays itself
// out again, and any transition is finished first, so axe reads settled
// colours). axe is evaluated through the DevTools protocol, which the
// page's Content-Security-Policy (script-src 'self') does not govern.
func (b *Browser) axePage(tab context.Context, url string) ([]AxeResult, error) {
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	err := chromedp.Do(ctx, emulate(Checks[0]), chromedp.Navigate(url),
		chromedp.Evaluate[chromedp.Void](b.axe+"\n;void 0"))
	if err == nil {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === 'object' && typeof axe.run === 'function'`)); err == nil && !ok {
			err = errors.New("axe-core did not load")
		}
	}
	if err != nil {
		return nil, err
	}
	var out []AxeResult
	for _, c := range Checks {
		err := chromedp.Do(ctx, emulate(c), settle(c))
		var r AxeResult
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[AxeResult](axeScript(), chromedp.EvalAwaitPromise))
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", c, err)
		}
		r.Check = c
		out = append(out, r)
	}
	return out, nil
}

// settle waits until the page sees the Check's width and scheme, then
// finishes any animation or transition.
func settle(c Check) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`innerWidth === %d && matchMedia('(prefers-color-scheme: %s)').matches &&
  (document.getAnimations().forEach(a => { try { a.finish() } catch (e) {} }), true)`, c.Width, c.Scheme)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
			ok, err := chromedp.Evaluate[bool](js)(ctx, t)
			if err != nil || ok {
				return err
			}
			if time.Since(start) > 10*time.Second {
				return fmt.Errorf("the page does not see %s", c)
			}
		}
	})
}

// emulate sets the viewport (a phone's, with mobile emulation, at 375
// px) and the colour scheme.
func emulate(c Check) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		height := int64(800)
		if c.Width < 600 {
			height = 812
		}
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: c.Width, Height: height, DeviceScaleFactor: 1, Mobile: c.Width < 600})
		if err != nil {
			return err
		}
		_, err = cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.Scheme}}})
		return err
	})
}

// axeScript runs axe over the document and returns its violations and
// incomplete results, one per element.
func axeScript() string {
	return `axe.run(document, {runOnly: ['` + strings.Join(AxeTags, "', '") + `'], resultTypes: ['violations', 'incomplete']}).then(r => {
  const nodes = rs => rs.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: n.impact || v.impact || '', help: v.help,
    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(' '),
    html: n.html, summary: n.failureSummary || ''})));
  return {violations: nodes(r.violations), incomplete: nodes(r.incomplete)};
})`
}
