package token

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// KeyEncryptionKeySize is the size of TOKEN_KEY_ENCRYPTION_KEY: AES-256.
const KeyEncryptionKeySize = 32

var errUnseal = errors.New("the signing key cannot be decrypted: is TOKEN_KEY_ENCRYPTION_KEY the one it was made with?")

// seal encrypts a private signing key with AES-256-GCM. The additional data
// (environment and kid) ties the ciphertext to its row: a sealed key copied
// onto another row does not open.
func seal(kek, plaintext []byte, aad string) ([]byte, error) {
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, plaintext, []byte(aad)), nil
}

func unseal(kek, sealed []byte, aad string) ([]byte, error) {
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, err
	}
	if len(sealed) < aead.NonceSize() {
		return nil, errUnseal
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte(aad))
	if err != nil {
		return nil, errUnseal
	}
	return plain, nil
}

func newAEAD(kek []byte) (cipher.AEAD, error) {
	if len(kek) != KeyEncryptionKeySize {
		return nil, fmt.Errorf("key encryption key must be %d bytes, got %d", KeyEncryptionKeySize, len(kek))
	}
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
