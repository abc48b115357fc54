package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	caCertName = "ca.crt"
	caKeyName  = "ca.key"
)

// credentials are the files the apiserver is started with, plus the bearer
// token of every user (the admin included) for writing kubeconfigs.
type credentials struct {
	caFile, caKeyFile                 string
	servingCertFile, servingKeyFile   string
	saPublicKeyFile, saPrivateKeyFile string
	tokenFile                         string
	caPEM                             []byte
	tokens                            map[string]string
}

type user struct {
	name   string
	groups []string
}

// parseUser reads "name[:group,group]".
func parseUser(spec string) (user, error) {
	name, groupList, _ := strings.Cut(spec, ":")
	if name == "" || strings.ContainsAny(name, ",\"/ ") {
		return user{}, fmt.Errorf("invalid --user %q: want name[:group,group]", spec)
	}
	u := user{name: name}
	if groupList != "" {
		u.groups = strings.Split(groupList, ",")
	}
	return u, nil
}

func writeCredentials(dir string, users []user) (*credentials, error) {
	creds := &credentials{
		caFile:           filepath.Join(dir, caCertName),
		caKeyFile:        filepath.Join(dir, caKeyName),
		servingCertFile:  filepath.Join(dir, "serving.crt"),
		servingKeyFile:   filepath.Join(dir, "serving.key"),
		saPublicKeyFile:  filepath.Join(dir, "sa.pub"),
		saPrivateKeyFile: filepath.Join(dir, "sa.key"),
		tokenFile:        filepath.Join(dir, "tokens.csv"),
		tokens:           map[string]string{},
	}
	caKey, caCert, caDER, err := newCA()
	if err != nil {
		return nil, err
	}
	creds.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	if err := os.WriteFile(creds.caFile, creds.caPEM, 0o600); err != nil {
		return nil, err
	}
	// Kept so that `kube-testenv mint-user` can sign client certificates later.
	if err := writePrivateKey(creds.caKeyFile, caKey); err != nil {
		return nil, err
	}
	if err := writeServingCert(creds, caKey, caCert); err != nil {
		return nil, err
	}
	if err := writeServiceAccountKeys(creds); err != nil {
		return nil, err
	}
	return creds, writeTokenFile(creds, users)
}

func newCA() (*ecdsa.PrivateKey, *x509.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, nil, err
	}
	template := certificateTemplate("kube-testenv-ca")
	template.IsCA = true
	template.BasicConstraintsValid = true
	template.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return key, cert, der, err
}

func writeServingCert(creds *credentials, caKey *ecdsa.PrivateKey, caCert *x509.Certificate) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	template := certificateTemplate("kube-apiserver")
	template.KeyUsage = x509.KeyUsageDigitalSignature
	template.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	template.DNSNames = []string{"localhost"}
	template.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	der, err := x509.CreateCertificate(rand.Reader, template, caCert, &key.PublicKey, caKey)
	if err != nil {
		return err
	}
	if err := writePEM(creds.servingCertFile, "CERTIFICATE", der); err != nil {
		return err
	}
	return writePrivateKey(creds.servingKeyFile, key)
}

func writeServiceAccountKeys(creds *credentials) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	publicDER, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	if err := writePEM(creds.saPublicKeyFile, "PUBLIC KEY", publicDER); err != nil {
		return err
	}
	return writePrivateKey(creds.saPrivateKeyFile, key)
}

// writeTokenFile gives the admin (system:masters, so RBAC never applies) and
// every declared user a random bearer token, in the apiserver's CSV format.
func writeTokenFile(creds *credentials, users []user) error {
	all := append([]user{{name: adminUser, groups: []string{"system:masters"}}}, users...)
	var lines strings.Builder
	for _, u := range all {
		token, err := randomToken()
		if err != nil {
			return err
		}
		creds.tokens[u.name] = token
		fmt.Fprintf(&lines, "%s,%s,%s,\"%s\"\n", token, u.name, u.name, strings.Join(u.groups, ","))
	}
	return os.WriteFile(creds.tokenFile, []byte(lines.String()), 0o600)
}

func certificateTemplate(commonName string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(7 * 24 * time.Hour),
	}
}

func writePrivateKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return writePEM(path, "EC PRIVATE KEY", der)
}

func writePEM(path, blockType string, der []byte) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600)
}

func randomToken() (string, error) {
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	return hex.EncodeToString(buf), nil
}
