// Rooted trees coloured by vector field (Hairer, Lubich & Wanner, GNI III.1; Chartier, Hairer & Vilmart 2010):
// the index set of B-series. A tree of one colour stands for an elementary differential of one field f,
//   F(•) = f,  F([t1, ..., tk]) = f^(k)(F(t1), ..., F(tk));
// a coloured tree takes f_c at each node of colour c (compositions of several fields: SGD's batches, a game's
// players). TreeTable interns each tree once in canonical form (root colour, children's ids sorted), so a tree is an
// int; ConcreteTree is one labelled representative, on which the composition law and the Lie derivative sum over
// subsets of nodes (the multiplicities of HLW's ordered subtrees come out by themselves).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace irverify::bseries {

// A labelled tree: nodes 0..n-1 in preorder, parent[0] = -1 and parent[i] < i; colour[i] in 0..colours-1.
struct ConcreteTree {
  std::vector<int> parent, colour;
  int size() const { return static_cast<int>(parent.size()); }
  std::vector<std::vector<int>> children() const;
};

class TreeTable {
 public:
  static constexpr int kMaxOrder = 20;  // sigma and gamma stay within 64 bits
  explicit TreeTable(int colours);
  int colours() const { return colours_; }
  // The id of the tree with this root colour and children (any order); new trees are added.
  int intern(int colour, std::vector<int> children);
  int size() const { return static_cast<int>(trees_.size()); }
  int colour(int id) const { return trees_[id].colour; }
  const std::vector<int>& children(int id) const { return trees_[id].children; }  // sorted ids
  int order(int id) const { return trees_[id].order; }                           // |t|, the number of nodes
  std::int64_t sigma(int id) const { return trees_[id].sigma; }                   // symmetry coefficient
  std::int64_t gamma(int id) const { return trees_[id].gamma; }                   // density, t! (exact flow: 1/gamma)
  // Every tree of 1..max_order nodes and every colour, by order, then in generation order (interned on the way).
  std::vector<int> all(int max_order);
  ConcreteTree concrete(int id) const;
  // The id of the subtree of t on the nodes with keep[i] (closed under parent within the kept set: a node's kept
  // children), rooted at node r.
  int id_of(const ConcreteTree& t, const std::vector<char>& keep, int r);
  // The admissible cuts of tree id (Connes-Kreimer): every root-closed node set s of its representative, s empty and
  // s whole included, as (trunk: the tree on s, -1 if s is empty; pruned: the trees of t minus s).
  struct Cut {
    int trunk;
    std::vector<int> pruned;
  };
  std::vector<Cut> cuts(int id);
  // The cuts of one edge: (t minus the branch at v, the branch at v) for each non-root node v.
  std::vector<std::pair<int, int>> edge_cuts(int id);
  // Bracket notation with colours: "•" for one colour, "•0", "•1", ... else; "[•, [•]]" for a root with children.
  std::string name(int id) const;

 private:
  struct Node {
    int colour;
    std::vector<int> children;
    int order;
    std::int64_t sigma, gamma;
  };
  void trees_of_order(int n, std::vector<int>& out);
  int colours_;
  std::vector<Node> trees_;
  std::map<std::pair<int, std::vector<int>>, int> index_;
  std::vector<std::vector<int>> by_order_;  // generated trees of each order (index = order), once generated
};

}  // namespace irverify::bseries
