package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "anchorscore",
		Short: "Rate anchor institutions' anchor-leadership maturity from their documents",
		Long: `anchorscore reads the documents of NHS and other anchor institutions (board papers,
anchor strategies, annual reports, partnership papers) and rates each organisation's
anchor-leadership maturity against a rubric: by default the Health Anchors Learning
Network's four building blocks of anchor leadership. Every level is traced to quotes
and pages.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.SetUsageTemplate(root.UsageTemplate() + "\n" + exitHelp + "\n")
	root.AddCommand(newScoreCmd(), newReportCmd(), newTextCmd(), newExplainCmd(), newRubricCmd(), newCacheCmd())
	return root
}

// argsAtLeast is cobra.MinimumNArgs, as a usage error.
func argsAtLeast(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s: give %s", cmd.CommandPath(), what)
		}
		return nil
	}
}

func argsExactly(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s: give %s", cmd.CommandPath(), what)
		}
		return nil
	}
}
