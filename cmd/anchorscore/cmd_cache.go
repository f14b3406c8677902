package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anchorscore/anchorscore/pipeline/cache"
)

func newCacheCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Manage the cache of sentences read from documents",
	}
	var dir string
	clear := &cobra.Command{
		Use:   "clear [--cache DIR]",
		Short: "Empty the cache and say how much it freed",
		Args:  argsExactly(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				var err error
				if dir, err = cache.DefaultDir(); err != nil {
					return err
				}
			}
			bytes, files, err := (&cache.Cache{Dir: dir}).Clear()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "cleared %s: %d entries, %.1f MiB freed\n", dir, files, float64(bytes)/(1<<20))
			return nil
		},
	}
	clear.Flags().StringVar(&dir, "cache", "", "cache folder (default: the user's cache folder)")
	cmd.AddCommand(clear)
	return cmd
}
