#!/bin/bash
# Score a large corpus on a Slurm cluster: an array job runs the shards, and a
# dependent job merges them into the outputs of a single run.
#
#   sbatch docs/slurm-array.sh /shared/corpus /shared/anchorscore
#
# Each array task reads the documents of its shard; --shard auto takes K from
# SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN) and N from
# SLURM_ARRAY_TASK_COUNT. The corpus and results are on shared storage.
#SBATCH --job-name=anchorscore
#SBATCH --array=0-15
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=anchorscore-%A_%a.log
set -euo pipefail

corpus=${1:?usage: sbatch slurm-array.sh CORPUS RESULTS}
results=${2:?usage: sbatch slurm-array.sh CORPUS RESULTS}

if [ "${ANCHORSCORE_STEP:-shard}" = report ]; then
  anchorscore report --out "$results/out" "$results"/shards/*
  exit
fi

anchorscore score --shard auto --workers "${SLURM_CPUS_PER_TASK:-2}" --progress plain \
  --cache "$results/cache" --out "$results/shards/$SLURM_ARRAY_TASK_ID" "$corpus" || [ $? -eq 3 ]

# The last task to start queues the report step after the whole array ends
# (exit 3, some documents unreadable, still counts as done: they are listed).
if [ "$SLURM_ARRAY_TASK_ID" = "$SLURM_ARRAY_TASK_MAX" ]; then
  ANCHORSCORE_STEP=report sbatch --array=0 --dependency=afterany:"$SLURM_ARRAY_JOB_ID" \
    --export=ALL,ANCHORSCORE_STEP=report "$0" "$corpus" "$results"
fi
