package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/configs"
	"github.com/anchorscore/anchorscore/rubric"
)

func newRubricCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "Show, write, check and test rubrics",
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:   "show",
			Short: "Print the built-in rubric as YAML",
			Args:  argsExactly(0, "no arguments"),
			RunE: func(cmd *cobra.Command, args []string) error {
				_, err := cmd.OutOrStdout().Write(configs.HALN)
				return err
			},
		},
		newRubricInitCmd(),
		&cobra.Command{
			Use:   "lint FILE",
			Short: "Check a rubric file without running it",
			Long:  "Lint decodes a rubric strictly and reports every mistake as file:line:column, the key, and what is wrong.",
			Args:  argsExactly(1, "one rubric FILE"),
			RunE: func(cmd *cobra.Command, args []string) error {
				c, err := rubric.Load(args[0])
				if err != nil {
					return err
				}
				n := 0
				for _, th := range c.Themes {
					n += len(th.Indicators)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: rubric %s %s, %d themes, %d indicators\n", args[0], c.ID, c.Version, len(c.Themes), n)
				return nil
			},
		},
		&cobra.Command{
			Use:   "test [FILE]",
			Short: "Run each indicator's examples (default: the built-in rubric)",
			Long: `Test matches every indicator's examples: each "match" example must be found as evidence
for its indicator (negated when it starts with "negated:"), and each "no_match" example
must not. Failures say why: no pattern matched, a gate or exclusion turned it away, or
the words that matched when they should not have.`,
			Args: cobra.MaximumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				c, err := loadRubricArg(args)
				if err != nil {
					return err
				}
				w := cmd.OutOrStdout()
				results := c.RunExamples()
				failed := 0
				for _, r := range results {
					if r.OK {
						continue
					}
					failed++
					fmt.Fprintf(w, "FAIL %s/%s: want %s, got %s\n     %q\n", r.Theme, r.Indicator, r.Want, r.Got, r.Text)
				}
				fmt.Fprintf(w, "%d passed, %d failed\n", len(results)-failed, failed)
				if failed > 0 {
					return errQuiet{exitFailure}
				}
				return nil
			},
		},
		newRubricEvalCmd(),
		newRubricCalibrateCmd(),
	)
	return cmd
}

func loadRubricArg(args []string) (*rubric.Compiled, error) {
	if len(args) == 0 {
		return rubric.Builtin()
	}
	return rubric.Load(args[0])
}

func newRubricInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write the built-in rubric to FILE (default anchorscore-rubric.yaml) to edit",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "anchorscore-rubric.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(path, flags, 0o644)
			if errors.Is(err, os.ErrExist) {
				return usagef("%s exists already (use --force to overwrite)", path)
			}
			if err != nil {
				return err
			}
			if _, err := f.Write(configs.HALN); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: edit it, then check it with `anchorscore rubric lint %s` and `anchorscore rubric test %s`\n", path, path, path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite FILE if it exists")
	return cmd
}
