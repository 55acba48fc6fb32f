// Command pulumi-language-nodejs is this project's Node.js language host for the Pulumi CLI.
//
// Pulumi's own host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
// served by the Go module proxy these machines reach, so this is a small host of the project's own. It
// implements what `pulumi preview/up/refresh/destroy` need of a language host: it runs the program with
// `@pulumi/pulumi/cmd/run` from the program's node_modules, exactly as Pulumi's host does (same flags,
// same PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS environment, exit code 32 meaning "already reported"),
// and reports no required plugins (dynamic providers need none). Everything else is left unimplemented,
// which the CLI treats as an older host.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// exitAfterUserActionableMessage is the exit code with which @pulumi/pulumi/cmd/run says that it has
// already shown the user an actionable message, so the engine must not add another.
const exitAfterUserActionableMessage = 32

func main() {
	// Pulumi's host takes these flags (passed by older CLIs); accept them so such a CLI still works.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint (passed to the program)")
	typescript := flag.Bool("typescript", true, "run TypeScript programs with ts-node")
	tsconfig := flag.String("tsconfig", "", "path of the tsconfig.json to use")
	nodeargs := flag.String("nodeargs", "", "arguments for the node process")
	flag.String("root", "", "project root (unused)")
	flag.Parse()

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		// Exit when the engine goes away, as every Pulumi plugin does.
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			fatal(fmt.Errorf("could not start the health check of the engine: %w", err))
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{
				engineAddress: engineAddress,
				tracing:       *tracing,
				defaults:      runtimeOptions{typescript: *typescript, tsconfig: *tsconfig, nodeargs: *nodeargs},
			})
			return nil
		},
	})
	if err != nil {
		fatal(fmt.Errorf("could not start the language host's gRPC server: %w", err))
	}
	// The first line of stdout is how the engine learns the port.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fatal(fmt.Errorf("the language host's gRPC server stopped: %w", err))
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

// runtimeOptions are Pulumi.yaml's `runtime.options` for nodejs that this host honours.
type runtimeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   string
}

// withProgramOptions overlays the options the engine sent for this program (Pulumi.yaml).
func (o runtimeOptions) withProgramOptions(opts *structpb.Struct) runtimeOptions {
	if opts == nil {
		return o
	}
	fields := opts.GetFields()
	if v, ok := fields["typescript"]; ok {
		if b, isBool := v.GetKind().(*structpb.Value_BoolValue); isBool {
			o.typescript = b.BoolValue
		}
	}
	if v, ok := fields["tsconfig"]; ok && v.GetStringValue() != "" {
		o.tsconfig = v.GetStringValue()
	}
	if v, ok := fields["nodeargs"]; ok && v.GetStringValue() != "" {
		o.nodeargs = v.GetStringValue()
	}
	return o
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
	defaults      runtimeOptions
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPlugins reports none: the programs this host serves use dynamic providers only, whose
// plugin (pulumi-resource-pulumi-nodejs) is found on PATH.
func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	opts := h.defaults.withProgramOptions(req.GetInfo().GetOptions())
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on PATH: install Node.js 22 or newer"}, nil
	}
	dir := req.GetPwd()
	if dir == "" {
		dir = req.GetInfo().GetProgramDirectory()
	}
	runPath := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run")
	if custom := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); custom != "" {
		runPath = custom
	} else if _, statErr := os.Stat(runPath); statErr != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"the Pulumi SDK is not installed in %s: run `npm install` there (looked for %s)", dir, runPath)}, nil
	}

	args, err := nodeArguments(opts.nodeargs)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args = append(args, h.runArguments(req, runPath)...)

	config, err := json.Marshal(nonNil(req.GetConfig()))
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(nonNilSlice(req.GetConfigSecretKeys()))
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	// #nosec G204 -- the engine asked to run this program.
	cmd := exec.CommandContext(ctx, nodeBin, args...)
	cmd.Dir = dir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = env
	runErr := cmd.Run()
	_ = os.Stdout.Sync()
	_ = os.Stderr.Sync()
	if runErr == nil {
		return &pulumirpc.RunResponse{}, nil
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		if exitErr.ExitCode() == exitAfterUserActionableMessage {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run node): %v", runErr)}, nil
}

// runArguments are the flags of @pulumi/pulumi/cmd/run, as Pulumi's own host passes them.
func (h *host) runArguments(req *pulumirpc.RunRequest, runPath string) []string {
	args := []string{runPath}
	add := func(flagName, value string) {
		if value != "" {
			args = append(args, "--"+flagName, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", fmt.Sprint(req.GetParallel()))
	add("tracing", h.tracing)
	program := req.GetInfo().GetEntryPoint()
	if program == "" {
		program = req.GetProgram()
	}
	if program == "" {
		program = "."
	}
	args = append(args, program)
	return append(args, req.GetArgs()...)
}

// nodeArguments splits `nodeargs` on white space (quoting is not supported: say so rather than guess).
func nodeArguments(nodeargs string) ([]string, error) {
	if strings.ContainsAny(nodeargs, `"'\`) {
		return nil, fmt.Errorf("runtime option nodeargs %q: quotes and backslashes are not supported by this host", nodeargs)
	}
	return strings.Fields(nodeargs), nil
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
