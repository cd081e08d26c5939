// The fused loss on CPU. Row chunks × the whole catalogue (the generic form) make logit blocks of
// several MB that go through memory about eight times per step; here a tile is row_block × 1024
// items (1 MB at 256 rows, about one core's L2) and never leaves the cache:
//   pass 1, per tile: logits = H_r E_cᵀ; a running max and sum of exponentials per row;
//   then lse = log Σ exp per row, merged across item stripes in a fixed order;
//   pass 2, per tile: logits again; P = softmax / rows − one-hot / rows;
//         dH_r += P E_c (a partial per stripe), dE_c += Pᵀ H_r.
// Recomputing the logits costs a fourth GEMM and a second exp; both are cheaper than the memory
// traffic they save. Item stripes are split across threads, each owning its rows of dE, and every
// sum runs in stripe order, so the result does not depend on the thread count.
#include "shim_fused.h"
#include "shim_vector_math.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace {

constexpr int64_t kItemBlock = 1024;
// Bounds the per-stripe partials (stripes × rows × d) for large catalogues.
constexpr int64_t kMaxStripes = 16;

struct Layout {
  int64_t rows, items, dim, row_block, blocks, blocks_per_stripe, stripes;

  Layout(const at::Tensor& hidden, const at::Tensor& table, int64_t row_block_)
      : rows(hidden.size(0)), items(table.size(0)), dim(table.size(1)),
        row_block(std::clamp<int64_t>(row_block_, 1, hidden.size(0))) {
    blocks = (items + kItemBlock - 1) / kItemBlock;
    blocks_per_stripe = (blocks + kMaxStripes - 1) / kMaxStripes;
    stripes = (blocks + blocks_per_stripe - 1) / blocks_per_stripe;
  }

  int64_t first_item(int64_t stripe) const { return stripe * blocks_per_stripe * kItemBlock; }
  int64_t end_item(int64_t stripe) const { return std::min(items, (stripe + 1) * blocks_per_stripe * kItemBlock); }
};

// Calls visit(tile, first_row, row_count, first_item, item_count, item_rows) for every tile of one
// stripe, with tile = H[rows] E[items]ᵀ freshly computed into a buffer of this call.
template <typename Visit>
void for_each_tile(const Layout& layout, const at::Tensor& hidden, const at::Tensor& table, int64_t stripe, Visit visit) {
  auto buffer = at::empty({layout.row_block * kItemBlock}, hidden.options());
  for (int64_t c0 = layout.first_item(stripe); c0 < layout.end_item(stripe); c0 += kItemBlock) {
    const int64_t cb = std::min(kItemBlock, layout.end_item(stripe) - c0);
    const auto items = table.narrow(0, c0, cb);
    for (int64_t r0 = 0; r0 < layout.rows; r0 += layout.row_block) {
      const int64_t rb = std::min(layout.row_block, layout.rows - r0);
      auto tile = buffer.narrow(0, 0, rb * cb).view({rb, cb});
      at::mm_out(tile, hidden.narrow(0, r0, rb), items.t());
      visit(tile, r0, rb, c0, cb, items);
    }
  }
}

}  // namespace

sweeps::FusedLossAndGradients sweeps::fused_cross_entropy_cpu_tiled(const at::Tensor& hidden_in, const at::Tensor& table_in,
                                                                    const at::Tensor& target_in, int64_t row_block) {
  TORCH_CHECK(hidden_in.scalar_type() == at::kFloat && table_in.scalar_type() == at::kFloat, "the tiled kernel takes float32");
  const auto hidden = hidden_in.detach().contiguous();
  const auto table = table_in.detach().contiguous();
  const auto target = target_in.to(at::kLong).contiguous();
  const Layout layout(hidden, table, row_block);
  const int64_t rows = layout.rows;
  TORCH_CHECK(target.min().item<int64_t>() >= 0 && target.max().item<int64_t>() < layout.items,
              "target class out of range [0, ", layout.items, ")");
  const int64_t* targets = target.data_ptr<int64_t>();

  // Pass 1: per stripe, the running max and sum of exp(logit − max) of every row.
  auto stripe_max = at::empty({layout.stripes, rows}, hidden.options());
  auto stripe_sum = at::empty({layout.stripes, rows}, hidden.options());
  auto target_logit = at::empty({rows}, hidden.options());
  float* tl = target_logit.data_ptr<float>();
  at::parallel_for(0, layout.stripes, 1, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      float* mx = stripe_max[s].data_ptr<float>();
      float* sm = stripe_sum[s].data_ptr<float>();
      std::fill(mx, mx + rows, -3.0e38f);
      std::fill(sm, sm + rows, 0.0f);
      for_each_tile(layout, hidden, table, s, [&](at::Tensor& tile, int64_t r0, int64_t rb, int64_t c0, int64_t cb, const at::Tensor&) {
        float* data = tile.data_ptr<float>();
        for (int64_t r = 0; r < rb; ++r) {
          float* row = data + r * cb;
          const int64_t t = targets[r0 + r] - c0;
          if (t >= 0 && t < cb) tl[r0 + r] = row[t];
          const float m = std::max(mx[r0 + r], max_of(row, cb));
          sm[r0 + r] = sm[r0 + r] * std::exp(mx[r0 + r] - m) + exp_shifted(row, cb, m);
          mx[r0 + r] = m;
        }
      });
    }
  });

  // lse per row, merged in stripe order; the shift folds in the 1/rows of the mean.
  auto shift = at::empty({rows}, hidden.options());
  float* sh = shift.data_ptr<float>();
  const float* mx = stripe_max.data_ptr<float>();
  const float* sm = stripe_sum.data_ptr<float>();
  const double log_rows = std::log(static_cast<double>(rows));
  double loss = 0;
  for (int64_t r = 0; r < rows; ++r) {
    float m = -3.0e38f;
    for (int64_t s = 0; s < layout.stripes; ++s) m = std::max(m, mx[s * rows + r]);
    double sum = 0;
    for (int64_t s = 0; s < layout.stripes; ++s) sum += sm[s * rows + r] * std::exp(static_cast<double>(mx[s * rows + r]) - m);
    const double lse = m + std::log(sum);
    loss += lse - tl[r];
    sh[r] = static_cast<float>(lse + log_rows);
  }

  // Pass 2: the gradients.
  const float scale = 1.0f / static_cast<float>(rows);
  auto grad_table = at::empty_like(table);
  auto hidden_partials = at::zeros({layout.stripes, rows, layout.dim}, hidden.options());
  at::parallel_for(0, layout.stripes, 1, [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      auto partial = hidden_partials[s];
      for_each_tile(layout, hidden, table, s, [&](at::Tensor& tile, int64_t r0, int64_t rb, int64_t c0, int64_t cb, const at::Tensor& items) {
        float* data = tile.data_ptr<float>();
        for (int64_t r = 0; r < rb; ++r) {
          float* row = data + r * cb;
          exp_shifted(row, cb, sh[r0 + r]);
          const int64_t t = targets[r0 + r] - c0;
          if (t >= 0 && t < cb) row[t] -= scale;
        }
        const auto h = hidden.narrow(0, r0, rb);
        partial.narrow(0, r0, rb).addmm_(tile, items);
        auto grad_items = grad_table.narrow(0, c0, cb);
        if (r0 == 0) at::mm_out(grad_items, tile.t(), h); else grad_items.addmm_(tile.t(), h);
      });
    }
  });
  auto grad_hidden = hidden_partials[0].clone();
  for (int64_t s = 1; s < layout.stripes; ++s) grad_hidden.add_(hidden_partials[s]);
  return {at::scalar_tensor(loss / static_cast<double>(rows), hidden.options()), grad_hidden, grad_table};
}
