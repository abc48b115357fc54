package main

import (
	"path/filepath"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

const contextName = "kube-testenv"

// writeKubeconfigs writes <dir>/<user>.kubeconfig for every user holding a
// token, and returns the paths by user name.
func writeKubeconfigs(dir, server string, creds *credentials) (map[string]string, error) {
	paths := map[string]string{}
	for name, token := range creds.tokens {
		config := clientcmdapi.NewConfig()
		config.Clusters[contextName] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: creds.caPEM}
		config.AuthInfos[name] = &clientcmdapi.AuthInfo{Token: token}
		config.Contexts[contextName] = &clientcmdapi.Context{Cluster: contextName, AuthInfo: name, Namespace: "default"}
		config.CurrentContext = contextName
		path := filepath.Join(dir, name+".kubeconfig")
		if err := clientcmd.WriteToFile(*config, path); err != nil {
			return nil, err
		}
		paths[name] = path
	}
	return paths, nil
}

func adminRESTConfig(server string, creds *credentials) *rest.Config {
	return &rest.Config{
		Host:            server,
		BearerToken:     creds.tokens[adminUser],
		TLSClientConfig: rest.TLSClientConfig{CAData: creds.caPEM},
		QPS:             -1,
	}
}
