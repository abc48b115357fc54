package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// runMintUser implements `kube-testenv mint-user`: unlike the token users,
// which are fixed at start, any user and groups can be minted at any time.
func runMintUser(args []string) int {
	flags := flag.NewFlagSet("kube-testenv mint-user", flag.ContinueOnError)
	dir := flags.String("dir", "", "work directory of the running kube-testenv")
	spec := flags.String("user", "", "name[:group,group]")
	name := flags.String("name", "", "an exact user name that may contain ':' (e.g. system:serviceaccount:ns:sa), instead of --user")
	groups := flags.String("groups", "", "comma-separated groups of --name")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	u, err := parseUser(*spec)
	if *name != "" {
		u, err = namedUser(*name, *groups)
	}
	if err != nil || *dir == "" {
		fmt.Fprintln(os.Stderr, "kube-testenv mint-user: --dir and a valid --user (or --name) are required")
		return 2
	}
	path, err := mintUserKubeconfig(*dir, u)
	if err != nil {
		return fail("mint-user", err)
	}
	fmt.Println(path)
	return 0
}

func namedUser(name, groups string) (user, error) {
	if strings.ContainsAny(name, ",\"/ ") {
		return user{}, fmt.Errorf("invalid --name %q", name)
	}
	u := user{name: name}
	if groups != "" {
		u.groups = strings.Split(groups, ",")
	}
	return u, nil
}

func mintUserKubeconfig(dir string, u user) (string, error) {
	caCert, caKey, err := loadCA(dir)
	if err != nil {
		return "", err
	}
	admin, err := clientcmd.LoadFromFile(filepath.Join(dir, adminUser+".kubeconfig"))
	if err != nil {
		return "", fmt.Errorf("reading the admin kubeconfig (is kube-testenv ready?): %w", err)
	}
	cluster := admin.Clusters[admin.Contexts[admin.CurrentContext].Cluster]

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", err
	}
	template := certificateTemplate(u.name)
	template.Subject = pkix.Name{CommonName: u.name, Organization: u.groups}
	template.KeyUsage = x509.KeyUsageDigitalSignature
	template.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	der, err := x509.CreateCertificate(rand.Reader, template, caCert, &key.PublicKey, caKey)
	if err != nil {
		return "", err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return "", err
	}

	config := clientcmdapi.NewConfig()
	config.Clusters[contextName] = cluster
	config.AuthInfos[u.name] = &clientcmdapi.AuthInfo{
		ClientCertificateData: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		ClientKeyData:         pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}),
	}
	config.Contexts[contextName] = &clientcmdapi.Context{Cluster: contextName, AuthInfo: u.name, Namespace: "default"}
	config.CurrentContext = contextName
	identity := sha256.Sum256([]byte(u.name + ":" + strings.Join(u.groups, ",")))
	path := filepath.Join(dir, "minted", u.name+"-"+hex.EncodeToString(identity[:4])+".kubeconfig")
	return path, clientcmd.WriteToFile(*config, path)
}

func loadCA(dir string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	certPEM, err := os.ReadFile(filepath.Join(dir, caCertName))
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := os.ReadFile(filepath.Join(dir, caKeyName))
	if err != nil {
		return nil, nil, err
	}
	certBlock, _ := pem.Decode(certPEM)
	keyBlock, _ := pem.Decode(keyPEM)
	if certBlock == nil || keyBlock == nil {
		return nil, nil, errors.New("the CA files in the work directory are not PEM")
	}
	cert, err := x509.ParseCertificate(certBlock.Bytes)
	if err != nil {
		return nil, nil, err
	}
	key, err := x509.ParseECPrivateKey(keyBlock.Bytes)
	return cert, key, err
}
