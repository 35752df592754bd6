package freetext_test

import (
	"errors"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/digdir/selvbetjening/internal/freetext"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		layout   freetext.Layout
		wantErr  error // nil: accepted
		wantRune rune
		wantAt   int
	}{
		{name: "PlainName", in: "Lønnssystem for Ærøy & Åsane (v2)"},
		{name: "Empty", in: ""},
		{name: "SpacesAndPunctuation", in: "Regnskap – «test» · 100 %"},
		{name: "OtherScripts", in: "Сервис 服务 خدمة"},
		{name: "EmojiWithoutJoiner", in: "Integrasjon 🚀"},
		{name: "NewlineInDescription", in: "linje 1\r\nlinje 2\tinnrykk", layout: freetext.MultiLine},
		{name: "NewlineInName", in: "linje 1\nlinje 2", wantErr: freetext.ErrControl, wantRune: '\n', wantAt: 7},
		{name: "TabInName", in: "a\tb", wantErr: freetext.ErrControl, wantRune: '\t', wantAt: 1},
		{name: "NUL", in: "a\x00b", layout: freetext.MultiLine, wantErr: freetext.ErrControl, wantRune: 0, wantAt: 1},
		{name: "Escape", in: "rød\x1b[31m", wantErr: freetext.ErrControl, wantRune: 0x1b, wantAt: 4},
		{name: "C1Control", in: "a\u0085b", wantErr: freetext.ErrControl, wantRune: 0x85, wantAt: 1},
		{name: "RightToLeftOverride", in: "Regnskap\u202Emetsys", wantErr: freetext.ErrFormat, wantRune: 0x202E, wantAt: 8},
		{name: "LeftToRightOverride", in: "\u202Dabc", wantErr: freetext.ErrFormat, wantRune: 0x202D, wantAt: 0},
		{name: "RightToLeftIsolate", in: "abc\u2067def\u2069", wantErr: freetext.ErrFormat, wantRune: 0x2067, wantAt: 3},
		{name: "RightToLeftMark", in: "abc\u200F", wantErr: freetext.ErrFormat, wantRune: 0x200F, wantAt: 3},
		{name: "ArabicLetterMark", in: "a\u061Cb", wantErr: freetext.ErrFormat, wantRune: 0x061C, wantAt: 1},
		{name: "ZeroWidthSpace", in: "Regn\u200Bskap", wantErr: freetext.ErrFormat, wantRune: 0x200B, wantAt: 4},
		{name: "ZeroWidthJoiner", in: "👩\u200D💻", wantErr: freetext.ErrFormat, wantRune: 0x200D, wantAt: 4},
		{name: "WordJoiner", in: "a\u2060b", wantErr: freetext.ErrFormat, wantRune: 0x2060, wantAt: 1},
		{name: "ByteOrderMark", in: "\uFEFFnavn", wantErr: freetext.ErrFormat, wantRune: 0xFEFF, wantAt: 0},
		{name: "SoftHyphen", in: "regn\u00ADskap", wantErr: freetext.ErrFormat, wantRune: 0xAD, wantAt: 4},
		{name: "TagCharacter", in: "a\U000E0041", wantErr: freetext.ErrFormat, wantRune: 0xE0041, wantAt: 1},
		{name: "FormatInDescription", in: "linje\n\u202Eto", layout: freetext.MultiLine, wantErr: freetext.ErrFormat, wantRune: 0x202E, wantAt: 6},
		{name: "FirstProblemIsNamed", in: "a\u200Bb\x00", wantErr: freetext.ErrFormat, wantRune: 0x200B, wantAt: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := freetext.Check(tt.in, tt.layout)
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
			var ce *freetext.CharacterError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.wantRune, ce.Rune, "%U", ce.Rune)
			require.Equal(t, tt.wantAt, ce.Offset)
		})
	}
}

func TestCharacterErrorCodePoint(t *testing.T) {
	t.Parallel()
	var ce *freetext.CharacterError
	require.ErrorAs(t, freetext.Check("Regnskap\u202Emetsys", freetext.OneLine), &ce)
	require.Equal(t, "U+202E", ce.CodePoint())
	require.Equal(t, "invisible format character U+202E at byte 8", ce.Error())
}

// FuzzCheck compares Check with the rule read straight from the Unicode
// tables: accepted text holds no control or format character (beyond the
// line breaks and tabs a multi-line field allows), and a refusal names the
// first one, where it is.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "Lønnssystem", "Regnskap\u202Emetsys", "a\u200Bb", "\uFEFF", "linje\r\nto\t", "a\x00b", "a\xffb", "\xe2\x80", "👩\u200D💻"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, layout := range []freetext.Layout{freetext.OneLine, freetext.MultiLine} {
			bad := func(r rune) error {
				switch {
				case layout == freetext.MultiLine && (r == '\n' || r == '\r' || r == '\t'):
					return nil
				case unicode.In(r, unicode.Cc):
					return freetext.ErrControl
				case unicode.In(r, unicode.Cf):
					return freetext.ErrFormat
				}
				return nil
			}
			err := freetext.Check(s, layout)
			if err == nil {
				for _, r := range s {
					require.NoError(t, bad(r), "%q accepted with %U", s, r)
				}
				continue
			}
			var ce *freetext.CharacterError
			require.True(t, errors.As(err, &ce), "%T", err)
			r, _ := utf8.DecodeRuneInString(s[ce.Offset:])
			require.Equal(t, ce.Rune, r, "the named character is at the offset")
			require.Equal(t, bad(r), ce.Err)
			for _, earlier := range s[:ce.Offset] {
				require.NoError(t, bad(earlier), "%U comes before the one named", earlier)
			}
		}
	})
}
