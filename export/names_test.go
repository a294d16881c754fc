package export

import "testing"

// An image is named by its URL's last part, less the content hash apply
// puts before the names it uploads; a name that is only a hash or a
// number gives way to the alt text, then to the article. A name that
// merely starts with a hex word is a name.
func TestImageBase(t *testing.T) {
	t.Parallel()
	const host = "https://acme.zendesk.com/hc/article_attachments/360001/"
	tests := []struct {
		src, alt, article, want string
	}{
		{host + "3301f965c5077c55-installer.png", "", "install", "installer.png"},
		{host + "Installer.PNG", "", "install", "installer.png"},
		{host + "cafe-menu.png", "", "menu", "cafe-menu.png"},
		{host + "deadbeef_v2.png", "", "a", "deadbeef-v2.png"},
		{host + "3301f965c5077c55e3b0c44298fc1c14.png", "A red screen", "red", "a-red-screen.png"},
		{host + "0123456789abcdef0123xyz.png", "", "a", "0123456789abcdef0123xyz.png"},
		{host + "12345.png", "", "install", "install.png"},
		{host + "12345.png?width=300", "", "install", "install.png"},
		{"data:,", "", "", "image"},
	}
	for _, tt := range tests {
		if got := imageBase(tt.src, tt.alt, tt.article); got != tt.want {
			t.Errorf("imageBase(%q, %q, %q) = %q, want %q", tt.src, tt.alt, tt.article, got, tt.want)
		}
	}
}
