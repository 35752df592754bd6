package web_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeListsEveryPackage: "Where things live" in the README names
// every package of the module, so a newcomer finds each from there.
func TestReadmeListsEveryPackage(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	root := moduleRoot(t, goBin)
	list := exec.CommandContext(t.Context(), goBin, "list", "-f", "{{.Dir}}", "./...")
	list.Dir = root
	out, err := list.Output()
	require.NoError(t, err, "go list")
	require.Contains(t, string(out), filepath.Join(root, "cmd", "portal"), "go list saw the whole module")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	_, section, found := strings.Cut(string(readme), "### Where things live")
	require.True(t, found, "the README has a section \"Where things live\"")
	for _, dir := range strings.Fields(string(out)) {
		rel, err := filepath.Rel(root, dir)
		require.NoError(t, err)
		require.Contains(t, section, "\n"+filepath.ToSlash(rel)+"/ ", "README: \"Where things live\" does not list %s/", rel)
	}
}
