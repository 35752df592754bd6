package web_test

import (
	"io"
	"net/http"
)

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func csrfOf(body string) string {
	if m := csrfFieldRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

func creationKeyOf(body string) string {
	if m := creationKeyRe.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}
