package mailtest

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// parse reads the message's header and its text parts.
func (m Received) parse() (parsed, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return parsed{}, fmt.Errorf("read message: %w", err)
	}
	p := parsed{header: msg.Header}
	err = p.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return p, err
}

type parsed struct {
	header     mail.Header
	text, html string
}

func (p *parsed) walk(contentType, encoding string, body io.Reader) error {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read part: %w", err)
			}
			if err := p.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64Reader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	switch mediaType {
	case "text/plain":
		p.text = string(b)
	case "text/html":
		p.html = string(b)
	}
	return nil
}

func (m Received) mustParse() parsed {
	p, err := m.parse()
	if err != nil {
		panic("mailtest: a message that was accepted no longer parses: " + err.Error())
	}
	return p
}

// Header is one header field, decoded (RFC 2047).
func (m Received) Header(name string) string {
	v := m.mustParse().header.Get(name)
	if d, err := new(mime.WordDecoder).DecodeHeader(v); err == nil {
		return d
	}
	return v
}

// MessageID is the Message-ID header, with its angle brackets.
func (m Received) MessageID() string { return m.Header("Message-ID") }

// Subject is the decoded Subject header.
func (m Received) Subject() string { return m.Header("Subject") }

// Text is the decoded text/plain body, with line ends as \n.
func (m Received) Text() string { return strings.ReplaceAll(m.mustParse().text, "\r\n", "\n") }

// HTML is the decoded text/html alternative, if any.
func (m Received) HTML() string { return strings.ReplaceAll(m.mustParse().html, "\r\n", "\n") }
