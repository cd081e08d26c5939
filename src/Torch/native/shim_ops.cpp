// Element-wise, reduction, shape and indexing operations. Operation codes are mirrored by the
// managed enums in Native/OpCodes.cs; keep the two lists in the same order.
#include "shim.h"

#include <vector>

using namespace sweeps;

enum Unary { NEG, EXP, LOG, SQRT, RELU, ELU, GELU, SIGMOID, SIN, COS, ABS, TANH, LOGICAL_NOT, RSQRT, SQUARE, FLOOR };

SW_EXPORT TH sw_unary(int op, TH a) {
  SW_TRY(nullptr, {
    const at::Tensor& x = *a;
    switch (op) {
      case NEG: return wrap(at::neg(x));
      case EXP: return wrap(at::exp(x));
      case LOG: return wrap(at::log(x));
      case SQRT: return wrap(at::sqrt(x));
      case RELU: return wrap(at::relu(x));
      case ELU: return wrap(at::elu(x));
      case GELU: return wrap(sweeps::gelu(x));
      case SIGMOID: return wrap(at::sigmoid(x));
      case SIN: return wrap(at::sin(x));
      case COS: return wrap(at::cos(x));
      case ABS: return wrap(at::abs(x));
      case TANH: return wrap(at::tanh(x));
      case LOGICAL_NOT: return wrap(at::logical_not(x));
      case RSQRT: return wrap(at::rsqrt(x));
      case SQUARE: return wrap(at::square(x));
      case FLOOR: return wrap(at::floor(x));
      default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
    }
  })
}

enum Binary { ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE, LOGICAL_AND, LOGICAL_OR, MATMUL, BMM, RSUB };

static at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case ADD: return at::add(a, b);
    case SUB: return at::sub(a, b);
    case MUL: return at::mul(a, b);
    case DIV: return at::div(a, b);
    case POW: return at::pow(a, b);
    case MAXIMUM: return at::maximum(a, b);
    case MINIMUM: return at::minimum(a, b);
    case EQ: return at::eq(a, b);
    case NE: return at::ne(a, b);
    case LT: return at::lt(a, b);
    case LE: return at::le(a, b);
    case GT: return at::gt(a, b);
    case GE: return at::ge(a, b);
    case LOGICAL_AND: return at::logical_and(a, b);
    case LOGICAL_OR: return at::logical_or(a, b);
    case MATMUL: return at::matmul(a, b);
    case BMM: return at::bmm(a, b);
    case RSUB: return at::sub(b, a);
    default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
  }
}

static at::Tensor binary_scalar(int op, const at::Tensor& a, const at::Scalar& s) {
  switch (op) {
    case ADD: return at::add(a, s);
    case SUB: return at::sub(a, s);
    case MUL: return at::mul(a, s);
    case DIV: return at::div(a, s);
    case POW: return at::pow(a, s);
    case MAXIMUM: return at::clamp_min(a, s);
    case MINIMUM: return at::clamp_max(a, s);
    case EQ: return at::eq(a, s);
    case NE: return at::ne(a, s);
    case LT: return at::lt(a, s);
    case LE: return at::le(a, s);
    case GT: return at::gt(a, s);
    case GE: return at::ge(a, s);
    case RSUB: return at::rsub(a, s);
    default: throw std::invalid_argument("op " + std::to_string(op) + " takes no scalar");
  }
}

SW_EXPORT TH sw_binary(int op, TH a, TH b) { SW_TENSOR(binary(op, *a, *b)) }
SW_EXPORT TH sw_binary_scalar(int op, TH a, double s) { SW_TENSOR(binary_scalar(op, *a, scalar_like(*a, s))) }
SW_EXPORT TH sw_add_scaled(TH a, TH b, double alpha) { SW_TENSOR(at::add(*a, *b, alpha)) }

enum Inplace { ADD_, SUB_, MUL_, DIV_, COPY_, FILL_, ZERO_ };

SW_EXPORT int sw_inplace(int op, TH a, TH b, double s) {
  SW_STATUS({
    at::Tensor& x = *a;
    switch (op) {
      case ADD_: b ? x.add_(*b, s) : x.add_(scalar_like(x, s)); break;
      case SUB_: b ? x.sub_(*b, s) : x.sub_(scalar_like(x, s)); break;
      case MUL_: b ? x.mul_(*b) : x.mul_(scalar_like(x, s)); break;
      case DIV_: b ? x.div_(*b) : x.div_(scalar_like(x, s)); break;
      case COPY_: x.copy_(*b); break;
      case FILL_: x.fill_(scalar_like(x, s)); break;
      case ZERO_: x.zero_(); break;
      default: throw std::invalid_argument("unknown in-place op " + std::to_string(op));
    }
  })
}

enum Reduce { SUM, MEAN, AMAX, AMIN, PROD };

SW_EXPORT TH sw_reduce(int op, TH a, const int64_t* dim_list, int ndims, int keepdim) {
  SW_TRY(nullptr, {
    const at::Tensor& x = *a;
    auto d = dims(dim_list, ndims);
    bool all = ndims == 0;
    switch (op) {
      case SUM: return wrap(all ? at::sum(x) : at::sum(x, d, keepdim != 0));
      case MEAN: return wrap(all ? at::mean(x) : at::mean(x, d, keepdim != 0));
      case AMAX: return wrap(all ? at::max(x) : at::amax(x, d, keepdim != 0));
      case AMIN: return wrap(all ? at::min(x) : at::amin(x, d, keepdim != 0));
      case PROD: {
        if (all) return wrap(at::prod(x));
        if (ndims != 1) throw std::invalid_argument("prod reduces one dimension at a time");
        return wrap(at::prod(x, d[0], keepdim != 0));
      }
      default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
  })
}

SW_EXPORT int sw_max_dim(TH a, int64_t dim, int keepdim, TH* values, TH* indices) {
  SW_STATUS({
    auto r = at::max(*a, dim, keepdim != 0);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  })
}

SW_EXPORT TH sw_argmax(TH a, int64_t dim, int keepdim) { SW_TENSOR(at::argmax(*a, dim, keepdim != 0)) }
SW_EXPORT TH sw_cumsum(TH a, int64_t dim) { SW_TENSOR(at::cumsum(*a, dim)) }

SW_EXPORT TH sw_view(TH a, const int64_t* shape, int n) { SW_TENSOR(a->view(dims(shape, n))) }
SW_EXPORT TH sw_reshape(TH a, const int64_t* shape, int n) { SW_TENSOR(a->reshape(dims(shape, n))) }
SW_EXPORT TH sw_expand(TH a, const int64_t* shape, int n) { SW_TENSOR(a->expand(dims(shape, n))) }
SW_EXPORT TH sw_permute(TH a, const int64_t* order, int n) { SW_TENSOR(a->permute(dims(order, n))) }
SW_EXPORT TH sw_transpose(TH a, int64_t d0, int64_t d1) { SW_TENSOR(a->transpose(d0, d1)) }
SW_EXPORT TH sw_unsqueeze(TH a, int64_t dim) { SW_TENSOR(a->unsqueeze(dim)) }
SW_EXPORT TH sw_squeeze(TH a, int64_t dim) { SW_TENSOR(a->squeeze(dim)) }
SW_EXPORT TH sw_narrow(TH a, int64_t dim, int64_t start, int64_t length) { SW_TENSOR(a->narrow(dim, start, length)) }
SW_EXPORT TH sw_select(TH a, int64_t dim, int64_t index) { SW_TENSOR(a->select(dim, index)) }
SW_EXPORT TH sw_tril(TH a, int64_t diagonal) { SW_TENSOR(at::tril(*a, diagonal)) }
SW_EXPORT TH sw_triu(TH a, int64_t diagonal) { SW_TENSOR(at::triu(*a, diagonal)) }

static std::vector<at::Tensor> unwrap(TH* list, int n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v.push_back(*list[i]);
  return v;
}

SW_EXPORT TH sw_cat(TH* list, int n, int64_t dim) { SW_TENSOR(at::cat(unwrap(list, n), dim)) }
SW_EXPORT TH sw_stack(TH* list, int n, int64_t dim) { SW_TENSOR(at::stack(unwrap(list, n), dim)) }

SW_EXPORT TH sw_index_select(TH a, int64_t dim, TH index) { SW_TENSOR(at::index_select(*a, dim, *index)) }
SW_EXPORT TH sw_gather(TH a, int64_t dim, TH index) { SW_TENSOR(at::gather(*a, dim, *index)) }
SW_EXPORT TH sw_masked_fill(TH a, TH mask, double value) { SW_TENSOR(at::masked_fill(*a, *mask, scalar_like(*a, value))) }
SW_EXPORT TH sw_where(TH cond, TH a, TH b) { SW_TENSOR(at::where(*cond, *a, *b)) }
SW_EXPORT TH sw_clamp(TH a, double low, double high) { SW_TENSOR(at::clamp(*a, low, high)) }

SW_EXPORT int sw_topk(TH a, int64_t k, int64_t dim, int largest, TH* values, TH* indices) {
  SW_STATUS({
    auto r = at::topk(*a, k, dim, largest != 0, /*sorted=*/true);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  })
}

SW_EXPORT int sw_sort(TH a, int64_t dim, int descending, TH* values, TH* indices) {
  SW_STATUS({
    auto r = at::sort(*a, /*stable=*/true, dim, descending != 0);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  })
}
