// The MPI process group of `mpirun -n R irverify run ...` (solvers/parallel/process_group.hpp): built only when CMake
// finds MPI (IRVERIFY_HAVE_MPI). MpiSession initializes MPI for the program's lifetime when a launcher started the
// process (its environment names a world size: OpenMPI, PMI or PMIx), and offers the group (group(): nullptr unless
// R > 1) that the CLI puts into the run settings; rank 0 alone writes records and prints. A plain `irverify` is one process and never initializes MPI (a singleton
// MPI_Init costs half a second, and its allocations outlive MPI_Finalize).
#pragma once

#ifdef IRVERIFY_HAVE_MPI
#include "solvers/parallel/process_group.hpp"

#include <mpi.h>

#include <climits>
#include <cstdlib>
#include <stdexcept>

namespace irverify {

class MpiGroup : public ProcessGroup {
 public:
  int rank() const override {
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
  }
  int size() const override {
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
  }
  std::vector<std::string> all_gather(const std::string& bytes) const override {
    const int n = size();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
      throw std::runtime_error("MPI gather: more than 2 GB from one rank");
    const int mine = static_cast<int>(bytes.size());
    std::vector<int> sizes(n), offsets(n, 0);
    MPI_Allgather(&mine, 1, MPI_INT, sizes.data(), 1, MPI_INT, MPI_COMM_WORLD);
    long total = 0;
    for (int r = 0; r < n; ++r) {
      offsets[r] = static_cast<int>(total);
      total += sizes[r];
    }
    if (total > INT_MAX) throw std::runtime_error("MPI gather: more than 2 GB in all");
    std::string all(static_cast<std::size_t>(total), '\0');
    MPI_Allgatherv(bytes.data(), mine, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, MPI_COMM_WORLD);
    std::vector<std::string> out(n);
    for (int r = 0; r < n; ++r) out[r] = all.substr(offsets[r], sizes[r]);
    return out;
  }
};

struct MpiSession {
  MpiSession(int& argc, char**& argv) {
    active = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
    if (!active) return;
    MPI_Init(&argc, &argv);
    rank = world.rank();
    size = world.size();
  }
  ~MpiSession() {
    if (active) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  const ProcessGroup* group() const { return size > 1 ? &world : nullptr; }
  bool active = false;
  int rank = 0, size = 1;
  MpiGroup world;
};

}  // namespace irverify

#else

namespace irverify {
class ProcessGroup;
struct MpiSession {  // without MPI: one process
  MpiSession(int&, char**&) {}
  const ProcessGroup* group() const { return nullptr; }
  int rank = 0, size = 1;
};
}  // namespace irverify

#endif
