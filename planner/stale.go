package planner

import (
	"fmt"
	"strings"

	"github.com/hcsync/hcsync/plan"
)

// warnMissing warns of each article that lacks a translation into a
// locale of RequiredLocales (other than its own).
func (pl *planner) warnMissing() {
	for _, a := range pl.tree.Articles {
		for _, l := range pl.opts.RequiredLocales {
			if a.Translation(l) != nil {
				continue
			}
			file := strings.TrimSuffix(a.Path, ".md") + "." + l + ".md"
			pl.plan.Warnings = append(pl.plan.Warnings, plan.Warning{File: a.Path, Kind: plan.WarningMissingTranslation, Msg: fmt.Sprintf(
				"no %s translation, and required_locales lists %s: add %s", l, l, file)})
		}
	}
}
