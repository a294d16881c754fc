package providers

import (
	"strings"

	"github.com/hcsync/hcsync/locales"
)

// IDLess orders ids numerically when both are numbers, so "9" < "10".
func IDLess(a, b string) bool {
	if len(a) != len(b) && IsNumericID(a) && IsNumericID(b) {
		return len(a) < len(b)
	}
	return a < b
}

// IsNumericID reports whether s is a non-empty run of ASCII digits, the
// form of Zendesk and Help.Center ids.
func IsNumericID(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// LookupName maps a name or id to the name the help center uses.
func LookupName(byID map[string]string, v string) (string, bool) {
	if name, ok := byID[v]; ok {
		return name, true
	}
	for _, name := range byID {
		if strings.EqualFold(name, strings.TrimSpace(v)) {
			return name, true
		}
	}
	return "", false
}

// FindTranslation is ra's translation in locale, found by the locale's
// canonical form when the service spells it otherwise (en-US, en-us).
func FindTranslation(ra *Article, locale string) *Translation {
	if t, ok := ra.Translations[locale]; ok {
		return t
	}
	for l, t := range ra.Translations {
		if locales.Equal(l, locale) {
			return t
		}
	}
	return nil
}

// GroupName is the name of ra's permission group. A provider that reads
// the group list only when a plan needs it may give the group's id.
func (t Taxonomy) GroupName(ra *Article) string {
	if name, ok := LookupName(t.PermissionGroups, ra.PermissionGroup); ok {
		return name
	}
	return ra.PermissionGroup
}
