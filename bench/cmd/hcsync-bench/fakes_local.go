package main

func init() {
	starters["local"] = func(fs fakeSetup) (*target, error) {
		return &target{
			provider: "local", defaultLocale: "en-us",
			config: "provider: local\ndefault_locale: en-us\n" + fs.common,
			close:  func() {},
		}, nil
	}
}
