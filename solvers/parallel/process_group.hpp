// The processes that share a Monte Carlo run (`mpirun -n R irverify ...`): rank r of R. Without one (the default, and
// every build without MPI) a run is one process. block_reduce splits its blocks into R contiguous ranges, one per
// rank, and gathers the block accumulators of every rank in rank order, so each rank ends with all the blocks and sums
// them in block order: the same bits as one process, for any R. Only accumulators that can be sent as bytes
// (AccBytes) are split; others are computed whole on every rank (correct, not faster). The MPI implementation is
// the CLI's (checks/cli/mpi_group.hpp), so this layer does not depend on MPI; the group reaches the solvers in their
// RunControl (solvers/control/run_control.hpp).
#pragma once

#include <string>
#include <vector>

namespace irverify {

class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Every rank's bytes, in rank order, on every rank (collective: every rank calls it with its own).
  virtual std::vector<std::string> all_gather(const std::string& bytes) const = 0;
};


}  // namespace irverify
