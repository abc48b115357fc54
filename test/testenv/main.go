// kube-testenv runs embedded etcd and the real kube-apiserver in one process
// for integration tests, bound to 127.0.0.1 only. It prints one JSON line to
// stdout once the server is ready (and any --crd-dir CRDs are served), and
// exits when stdin reaches EOF or on SIGTERM/SIGINT.
//
// `kube-testenv mint-user --dir D --user name[:group,...]` writes a kubeconfig
// with a client certificate for any user and groups, for a server running
// with --dir D, and prints its path (`--name N --groups a,b` instead of --user
// for a name that contains colons, such as a ServiceAccount's user name).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	_ "time/tzdata"

	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/component-base/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

const adminUser = "admin"

type options struct {
	printVersion   bool
	dir            string
	port           int
	users          []user
	crdDirs        []string
	apiserverFlags []string
}

type readyLine struct {
	Ready        bool              `json:"ready"`
	Server       string            `json:"server"`
	Version      string            `json:"version"`
	Dir          string            `json:"dir"`
	Kubeconfigs  map[string]string `json:"kubeconfigs"`
	StartupMilli int64             `json:"startupMillis"`
}

type repeatable []string

func (r *repeatable) String() string     { return strings.Join(*r, ",") }
func (r *repeatable) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "mint-user" {
		os.Exit(runMintUser(os.Args[2:]))
	}
	os.Exit(run())
}

func run() int {
	startedAt := time.Now()
	opts, err := parseOptions(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "kube-testenv:", err)
		return 2
	}
	if opts.printVersion {
		fmt.Println("kube-apiserver", version.Get().GitVersion)
		return 0
	}
	creds, err := writeCredentials(opts.dir, opts.users)
	if err != nil {
		return fail("writing credentials", err)
	}
	ports, err := freePorts(3)
	if err != nil {
		return fail("choosing ports", err)
	}
	if opts.port != 0 {
		ports[0] = opts.port
	}
	etcd, err := startEtcd(opts.dir, ports[1], ports[2])
	if err != nil {
		return fail("starting etcd", err)
	}
	defer etcd.Close()

	server := fmt.Sprintf("https://127.0.0.1:%d", ports[0])
	command := app.NewAPIServerCommand() // installs the SIGTERM/SIGINT handler
	command.SetArgs(append(apiserverArgs(opts.dir, ports[0], etcd.Clients[0].Addr().String(), creds), opts.apiserverFlags...))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var setupFailed atomic.Bool
	go func() {
		if err := announceWhenReady(ctx, opts, server, creds, startedAt); err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, "kube-testenv: setup failed:", err)
			setupFailed.Store(true)
			terminateSelf()
		}
	}()
	go terminateOnStdinEOF()

	code := cli.Run(command)
	if code == 0 && setupFailed.Load() {
		code = 1
	}
	return code
}

func parseOptions(args []string) (options, error) {
	var opts options
	var users, crdDirs repeatable
	flags := flag.NewFlagSet("kube-testenv", flag.ContinueOnError)
	flags.BoolVar(&opts.printVersion, "version", false, "print the kube-apiserver version and exit")
	flags.StringVar(&opts.dir, "dir", "", "work directory for certificates, tokens, etcd data and kubeconfigs (required)")
	flags.IntVar(&opts.port, "port", 0, "apiserver port on 127.0.0.1 (0 picks a free one)")
	flags.Var(&users, "user", "a test user as name[:group,group] (repeatable)")
	flags.Var(&crdDirs, "crd-dir", "directory of CRD manifests to install before ready (repeatable)")
	if err := flags.Parse(args); err != nil {
		return opts, err
	}
	if opts.printVersion {
		return opts, nil
	}
	if opts.dir == "" {
		return opts, fmt.Errorf("--dir is required")
	}
	if err := os.MkdirAll(opts.dir, 0o700); err != nil {
		return opts, err
	}
	for _, spec := range users {
		u, err := parseUser(spec)
		if err != nil {
			return opts, err
		}
		if u.name == adminUser {
			return opts, fmt.Errorf("--user %s: the name %q is reserved", spec, adminUser)
		}
		opts.users = append(opts.users, u)
	}
	opts.crdDirs = crdDirs
	opts.apiserverFlags = flags.Args() // everything after "--"
	return opts, nil
}

func startEtcd(dir string, clientPort, peerPort int) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "kube-testenv"
	cfg.Dir = filepath.Join(dir, "etcd")
	clientURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peerURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{clientURL}, []url.URL{clientURL}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peerURL}, []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.UnsafeNoFsync = true // test data is disposable; fsync dominates write latency
	cfg.LogLevel = "warn"
	cfg.LogOutputs = []string{filepath.Join(dir, "etcd.log")}
	etcd, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-etcd.Server.ReadyNotify():
		return etcd, nil
	case <-time.After(60 * time.Second):
		etcd.Close()
		return nil, fmt.Errorf("etcd not ready after 60s (see %s)", cfg.LogOutputs[0])
	}
}

func apiserverArgs(dir string, port int, etcdAddr string, creds *credentials) []string {
	return []string{
		"--etcd-servers=http://" + etcdAddr,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", port),
		"--cert-dir=" + filepath.Join(dir, "certs"),
		"--tls-cert-file=" + creds.servingCertFile,
		"--tls-private-key-file=" + creds.servingKeyFile,
		"--token-auth-file=" + creds.tokenFile,
		"--client-ca-file=" + creds.caFile,
		fmt.Sprintf("--service-account-issuer=https://127.0.0.1:%d/", port),
		"--service-account-key-file=" + creds.saPublicKeyFile,
		"--service-account-signing-key-file=" + creds.saPrivateKeyFile,
		"--service-cluster-ip-range=10.0.0.0/24",
		"--authorization-mode=RBAC",
		// No controller-manager runs, so nothing would create default ServiceAccounts.
		"--disable-admission-plugins=ServiceAccount",
		"--allow-privileged=true",
		// The default reconciler rejects a loopback advertise address every 10s.
		"--endpoint-reconciler-type=none",
		"--enable-priority-and-fairness=false",
		"--profiling=false",
	}
}

// announceWhenReady waits for /readyz, installs the CRDs, writes kubeconfigs
// and prints the ready line.
func announceWhenReady(ctx context.Context, opts options, server string, creds *credentials, startedAt time.Time) error {
	config := adminRESTConfig(server, creds)
	if err := waitForReadyz(ctx, config); err != nil {
		return err
	}
	crds, err := readCRDs(opts.crdDirs)
	if err != nil {
		return err
	}
	if err := installCRDs(ctx, config, crds); err != nil {
		return err
	}
	kubeconfigs, err := writeKubeconfigs(opts.dir, server, creds)
	if err != nil {
		return err
	}
	line, err := json.Marshal(readyLine{
		Ready: true, Server: server, Version: version.Get().GitVersion, Dir: opts.dir,
		Kubeconfigs: kubeconfigs, StartupMilli: time.Since(startedAt).Milliseconds(),
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(os.Stdout, "%s\n", line)
	return err
}

func waitForReadyz(ctx context.Context, config *rest.Config) error {
	client, err := discovery.NewDiscoveryClientForConfig(config)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(120 * time.Second)
	for {
		_, err := client.RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("apiserver not ready after 120s: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// terminateOnStdinEOF ends the process when its parent closes our stdin or
// dies, so a crashed test run never leaves an apiserver behind.
func terminateOnStdinEOF() {
	_, _ = io.Copy(io.Discard, os.Stdin)
	terminateSelf()
}

// terminateSelf goes through the apiserver's own signal handler, which
// shuts it down gracefully and makes cli.Run return.
func terminateSelf() { _ = syscall.Kill(os.Getpid(), syscall.SIGTERM) }

func freePorts(count int) ([]int, error) {
	ports := make([]int, 0, count)
	for range count {
		listener, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer listener.Close()
		ports = append(ports, listener.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func fail(step string, err error) int {
	fmt.Fprintf(os.Stderr, "kube-testenv: %s: %v\n", step, err)
	return 1
}
